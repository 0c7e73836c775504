/**
 * The hubs a blueprint joins without declaring them must be hubs in the tenant: checked before a
 * plan, as the users it names are (../principals). The tenant's hubs are read once (SharePoint
 * `_api/HubSites`, the call the association's join makes), and only when some association names
 * a hub that no `hub:` of the blueprint declares. HB101 (an error): not a hub in the tenant, one
 * per place in the blueprint and hub URL (the rows that name it counted); HB102 (a warning): the
 * hubs could not be read, so the check is left to the join.
 */
import '@pnp/sp/hubsites/index.js';
import { didYouMean } from '../../blueprint-core/rules.ts';
import { diagnosticAt as at, type Diagnostic } from '../../model/diagnostic.ts';
import type { Desired, DesiredResource } from '../../model/resources.ts';
import { inRows, rowOf } from '../../model/rows-of-sites.ts';
import { serverRelativePath } from '../../kinds/shared/server-relative.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';

/** The blueprint's hub URLs, and the associations whose hub it does not declare (compared case-insensitively), in blueprint order. */
function undeclared(desired: Desired): { declared: string[]; joins: DesiredResource<'hubAssociation'>[] } {
  const declared = new Map<string, string>();
  for (const r of desired.resources) if (r.kind === 'hubSite') declared.set(r.props.siteUrl.toLowerCase(), r.props.siteUrl);
  const joins: DesiredResource<'hubAssociation'>[] = [];
  for (const r of desired.resources) if (r.kind === 'hubAssociation' && !declared.has(r.props.hubUrl.toLowerCase())) joins.push(r);
  return { declared: [...declared.values()], joins };
}

/** Diagnostics for the hubs the blueprint joins without declaring that are not hubs in the tenant. */
export async function checkHubs(desired: Desired, tenant: TenantClient): Promise<Diagnostic[]> {
  const { declared, joins } = undeclared(desired);
  if (joins.length === 0) return [];
  let hubs: string[];
  try {
    const answer = (await tenant.sp.web(`https://${tenant.sharepointHost}`).hubSites.select('SiteUrl')()) as { SiteUrl: string }[];
    hubs = answer.map((h) => serverRelativePath(h.SiteUrl));
  } catch (error) {
    const first = joins[0]!;
    const why = error instanceof Error ? error.message : String(error);
    return [at(first, desired.file, 'warning', 'HB102', `the tenant's hub sites could not be read (${why}): whether ${first.props.hubUrl} is a hub is checked when a site joins it`)];
  }
  const known = new Set(hubs.map((u) => u.toLowerCase()));
  // one a place and hub: a template's line names the same hub for every row (the first row named, the others counted)
  const places = new Map<string, { r: DesiredResource<'hubAssociation'>; row?: string; more: number }>();
  for (const r of joins) {
    if (known.has(r.props.hubUrl.toLowerCase())) continue;
    const key = `${r.source?.line}:${r.source?.col}|${r.props.hubUrl.toLowerCase()}`;
    const place = places.get(key);
    if (place) place.more++;
    else places.set(key, { r, row: rowOf(desired.rowsOfSites, r.address), more: 0 });
  }
  return [...places.values()].map(({ r, row, more }) => {
    // the tenant's hubs and the blueprint's own (not made yet before a first apply)
    const guess = didYouMean(r.props.hubUrl, [...hubs, ...declared]);
    const rows = inRows(row, more);
    return at(r, desired.file, 'error', 'HB101', `hubSite: ${r.props.hubUrl} is not a hub site in the tenant, and the blueprint does not declare it with hub:${guess ? ` (did you mean '${guess}'?)` : ''}${rows}`);
  });
}
