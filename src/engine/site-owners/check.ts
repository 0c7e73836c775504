/**
 * A site the apply would create must name its owners when the service needs them:
 * - a communication site its `owner:` (CS101): SharePoint's `SPSiteManager/create` refuses a site
 *   without one when the token is an app's ("Owner is required when creating a site with an
 *   app-only token"), and the engine sends one in every mode;
 * - a team site with a `team:` its `owners:` (CS103): the group the engine makes has the owners
 *   the blueprint names, and Teams makes no team of a group without one ("Team owner not found
 *   for group").
 * Checked before a plan, as the users and hubs are (../principals, ../hubs), so that a missing
 * owner is one error of the plan at the site's place in the blueprint (its rows counted), not a
 * failed create on every row of a CSV after the rest of the plan was shown. Only the sites without
 * owners are looked up (batched Graph reads): a communication site by its URL
 * (`/sites/{host}:{path}`), a team site by its group's natural key (`mailNickname`; the group's
 * site may be elsewhere); one that exists already needs none. CS102 (a warning): whether it exists
 * could not be read, so the check is left to the create.
 */
import pLimit from 'p-limit';
import { diagnosticAt as at, type Diagnostic } from '../../model/diagnostic.ts';
import type { Desired, DesiredResource } from '../../model/resources.ts';
import { inRows, rowOf } from '../../model/rows-of-sites.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { odataString } from '../../kinds/shared/odata.ts';

/** Sites looked up at once (the Graph face batches them 20 to a `$batch`). */
const LOOKED_UP_AT_ONCE = 64;

type OwnerlessSite = DesiredResource<'commSite'> | DesiredResource<'teamSite'>;

/**
 * Diagnostics for the sites the apply would create without an owner: a communication site
 * without `owner:` (CS101), a team site with a `team:` and no `owners:` (CS103: its group would
 * be made without an owner, and Teams makes no team of such a group, "Team owner not found for
 * group").
 */
export async function checkSiteOwners(desired: Desired, tenant: TenantClient): Promise<Diagnostic[]> {
  const withTeam = new Set<string>();
  for (const r of desired.resources) if (r.kind === 'team' && r.parent) withTeam.add(r.parent);
  const ownerless = desired.resources.filter(
    (r): r is OwnerlessSite => (r.kind === 'commSite' && !r.props.owner) || (r.kind === 'teamSite' && !r.props.owners?.length && withTeam.has(r.address)),
  );
  if (ownerless.length === 0) return [];
  const limit = pLimit(LOOKED_UP_AT_ONCE);
  const found = await Promise.all(
    ownerless.map((r) =>
      limit(async (): Promise<boolean | Error> => {
        try {
          if (r.kind === 'teamSite') return (await tenant.graph.list(`/groups?$filter=mailNickname eq ${odataString(r.props.mailNickname)}&$select=id`)).length > 0;
          return (await tenant.graph.find(`/sites/${tenant.sharepointHost}:${r.props.url}?$select=id`)) !== undefined;
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    ),
  );
  // one a place in the blueprint: a template's site is named by its first row, the others counted
  const places = new Map<string, { r: OwnerlessSite; row?: string; more: number; unread?: Error }>();
  ownerless.forEach((r, i) => {
    const result = found[i]!;
    if (result === true) return;
    const key = `${r.source?.file}:${r.source?.line}:${r.source?.col}|${r.kind}|${result instanceof Error ? 'unread' : 'absent'}`;
    const place = places.get(key);
    if (place) place.more++;
    else places.set(key, { r, row: rowOf(desired.rowsOfSites, r.address), more: 0, ...(result instanceof Error ? { unread: result } : {}) });
  });
  return [...places.values()].map(({ r, row, more, unread }) => {
    const rows = inRows(row, more);
    const team = r.kind === 'teamSite';
    if (unread) return at(r, desired.file, 'warning', 'CS102', `whether ${r.props.url} exists could not be read (${unread.message}): ${team ? 'a team site without owners: gets no team' : 'a communication site without owner: cannot be created'}${rows}`);
    if (team) return at(r, desired.file, 'error', 'CS103', `${r.props.url} would be created without owners, so its team could not be made: add owners: (user principal names) to the site; Teams makes no team of a group without an owner ("Team owner not found for group"), and the group the engine makes has the owners the blueprint names${rows}`);
    return at(r, desired.file, 'error', 'CS101', `${r.props.url} would be created without an owner: add owner: (its owner's user principal name) to the site; SharePoint creates no communication site without one for an app-only token, and the engine always names one${rows}`);
  });
}
