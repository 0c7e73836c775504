/**
 * The ids a permission write needs, found with as few SharePoint reads as the service allows
 * (issue 12: every read costs the throttle budget that creates could use):
 * - Built-in permission levels have fixed ids in every SharePoint site (their RoleTypeKind:
 *   Limited Access 1073741825, Read …826, Contribute …827, Design …828, Full Control …829,
 *   Edit …830), so binding one reads nothing. Other levels (View Only, custom ones) are read
 *   once per site and run.
 * - A site group's id: one read of the site's groups (`sitegroups?$select=Id,Title`) per site
 *   and run, shared by every assignment there; a group created in the run is remembered from
 *   its create; a name the read did not have (newer than it) is looked up alone.
 * Outside an apply run (no `run` map) every lookup reads, as before.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { WriteContext } from '../kind-effects.ts';
import { forgetRunMemo, peekRunMemo, runMemo, runMemoOf } from './run-memo.ts';
import { ensuredPrincipalId, isUserPrincipal, principalId } from './sp-security.ts';
import { entraGroupNamed } from './entra-groups.ts';
import { entraGroupRef } from '../../model/principal.ts';

/** Ids of the built-in levels that are fixed by their role type, by lower-cased name. */
export const FIXED_ROLE_DEFINITION_IDS: ReadonlyMap<string, number> = new Map([
  ['limited access', 1073741825],
  ['read', 1073741826],
  ['contribute', 1073741827],
  ['design', 1073741828],
  ['full control', 1073741829],
  ['edit', 1073741830],
]);

type Ctx = Pick<WriteContext, 'tenant' | 'run'>;
type IdsByName = Map<string, number>;

const shared = (ctx: Ctx, key: string, load: () => Promise<IdsByName>): Promise<IdsByName> => runMemo(ctx, key, load);

const groupsKey = (webUrl: string) => `security-ids:groups:${webUrl.toLowerCase()}`;
const levelsKey = (webUrl: string) => `security-ids:levels:${webUrl.toLowerCase()}`;

async function readGroupIds(tenant: TenantClient, webUrl: string): Promise<IdsByName> {
  const groups = await tenant.sp.call(() => tenant.sp.query(webUrl, '_api/web/siteGroups').select('Id', 'Title')<{ Id: number; Title: string }[]>());
  return new Map(groups.map((g) => [g.Title.toLowerCase(), g.Id]));
}

/** The site principal id of a blueprint principal (a UPN or an Entra group is ensured; a site group is looked up as above). */
export async function principalIdIn(ctx: Ctx, webUrl: string, principal: string): Promise<number> {
  const entra = entraGroupRef(principal);
  if (entra !== undefined) {
    // an Entra group: found in the directory once a run, then ensured in the site by its claims
    const group = await entraGroupNamed(runMemoOf(ctx), ctx.tenant, entra);
    return ensuredPrincipalId(ctx.tenant, webUrl, group.login, principal);
  }
  if (isUserPrincipal(principal) || !ctx.run) return principalId(ctx.tenant, webUrl, principal);
  const ids = await shared(ctx, groupsKey(webUrl), () => readGroupIds(ctx.tenant, webUrl));
  const known = ids.get(principal.toLowerCase());
  if (known !== undefined) return known;
  const id = await principalId(ctx.tenant, webUrl, principal);
  ids.set(principal.toLowerCase(), id);
  return id;
}

/** Records a site group's id (after its create or rename) for the rest of the run. */
export function rememberGroupId(ctx: Ctx, webUrl: string, name: string, id: number): void {
  void peekRunMemo<IdsByName>(ctx, groupsKey(webUrl))?.then((ids) => ids.set(name.toLowerCase(), id), () => {});
}

/** Forgets a site group (deleted) for the rest of the run. */
export function forgetGroupId(ctx: Ctx, webUrl: string, id: number): void {
  void peekRunMemo<IdsByName>(ctx, groupsKey(webUrl))?.then((ids) => {
    for (const [name, v] of ids) if (v === id) ids.delete(name);
  }, () => {});
}

async function readLevelIds(tenant: TenantClient, webUrl: string): Promise<IdsByName> {
  const defs = await tenant.sp.call(() => tenant.sp.query(webUrl, '_api/web/roleDefinitions').select('Id', 'Name')<{ Id: number; Name: string }[]>());
  return new Map(defs.map((d) => [d.Name.toLowerCase(), d.Id]));
}

/** The id of a permission level by name: fixed for the built-in ones, else read (once per site and run; again when missing, as it may be newer). */
export async function roleDefinitionIdIn(ctx: Ctx, webUrl: string, name: string): Promise<number> {
  const fixed = FIXED_ROLE_DEFINITION_IDS.get(name.toLowerCase());
  if (fixed !== undefined) return fixed;
  let ids = await shared(ctx, levelsKey(webUrl), () => readLevelIds(ctx.tenant, webUrl));
  let id = ids.get(name.toLowerCase());
  if (id === undefined && ctx.run) {
    forgetRunMemo(ctx, levelsKey(webUrl));
    ids = await shared(ctx, levelsKey(webUrl), () => readLevelIds(ctx.tenant, webUrl));
    id = ids.get(name.toLowerCase());
  }
  if (id === undefined) throw new Error(`the site has no permission level '${name}'`);
  return id;
}
