/**
 * The hubs a blueprint joins without declaring them must be hubs in the tenant: checked before a
 * plan, as the users it names are (../principals). The tenant's hubs are read once (SharePoint
 * `_api/HubSites`, the call the association's join makes), and only when some association names
 * a hub that no `hub:` of the blueprint declares. HB101 (an error): not a hub in the tenant, one
 * per place in the blueprint and hub URL (the rows that name it counted); HB102 (a warning): the hubs could not be read, so the
 * check is left to the join.
 */
import '@pnp/sp/hubsites/index.js';
import { didYouMean } from '../../blueprint-core/rules.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { Desired } from '../../model/resources.ts';
import { siteOfAddress } from '../../model/address.ts';
import { serverRelativePath } from '../../kinds/shared/server-relative.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';

/** The associations whose hub the blueprint does not declare (by lower-case URL), in blueprint order. */
function undeclared(desired: Desired) {
  const declared = new Map<string, string>();
  for (const r of desired.resources) if (r.kind === 'hubSite') declared.set(r.props.siteUrl.toLowerCase(), r.props.siteUrl);
  return { declared: [...declared.values()], joins: desired.resources.flatMap((r) => (r.kind === 'hubAssociation' && !declared.has(r.props.hubUrl.toLowerCase()) ? [r] : [])) };
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
    return [
      {
        severity: 'warning',
        code: 'HB102',
        message: `the tenant's hub sites could not be read (${error instanceof Error ? error.message : String(error)}): whether ${first.props.hubUrl} is a hub is checked when a site joins it`,
        file: first.source?.file ?? desired.file,
        line: first.source?.line ?? 1,
        col: first.source?.col ?? 1,
        address: first.address,
      },
    ];
  }
  const known = new Set(hubs.map((u) => u.toLowerCase()));
  // one a place and hub: a template's line names the same hub for every row (counted, not repeated)
  const places = new Map<string, { r: (typeof joins)[number]; rows: string[] }>();
  for (const r of joins) {
    if (r.kind !== 'hubAssociation' || known.has(r.props.hubUrl.toLowerCase())) continue;
    const key = `${r.source?.line}:${r.source?.col}|${r.props.hubUrl.toLowerCase()}`;
    const row = desired.rowsOfSites?.get(siteOfAddress(r.address) ?? r.address);
    const place = places.get(key);
    if (place) place.rows.push(row?.label ?? r.address);
    else places.set(key, { r, rows: row ? [row.label] : [] });
  }
  const out: Diagnostic[] = [];
  for (const { r, rows } of places.values()) {
    if (r.kind !== 'hubAssociation') continue;
    // the tenant's hubs and the blueprint's own (not made yet before a first apply)
    const guess = didYouMean(r.props.hubUrl, [...hubs, ...declared]);
    const where = rows.length === 0 ? '' : rows.length === 1 ? ` (in ${rows[0]})` : ` (in ${rows[0]}, and ${rows.length - 1} more row${rows.length === 2 ? '' : 's'})`;
    out.push({
      severity: 'error',
      code: 'HB101',
      message: `hubSite: ${r.props.hubUrl} is not a hub site in the tenant, and the blueprint does not declare it with hub:${guess ? ` (did you mean '${guess}'?)` : ''}${where}`,
      file: r.source?.file ?? desired.file,
      line: r.source?.line ?? 1,
      col: r.source?.col ?? 1,
      address: r.address,
    });
  }
  return out;
}
