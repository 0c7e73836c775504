/**
 * The effects of a custom permission level of a site, keyed by its name. SharePoint REST only
 * (`_api/web/roledefinitions`): Graph has no permission levels. Its rights are a set of
 * SPBasePermissions flag names, sent as SharePoint's {High, Low} mask. The built-in levels
 * (Full Control, Design, Edit, Contribute, Read, Limited Access, View Only) are referenced by
 * role assignments, never declared, changed or deleted.
 */
import { body } from '@pnp/queryable';
import { spPostMerge } from '@pnp/sp';
import type { ObservedState } from '../../model/observed.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import { fromBasePermissions, isBuiltinRoleName, requireWeb, toBasePermissions } from '../shared/sp-security.ts';
import type { KindEffects } from '../kind-effects.ts';
import { roleDefinitionAddress, type RoleDefinitionProps } from './model.ts';

interface SpRoleDefinition {
  Id: number;
  Name: string;
  Description?: string | null;
  BasePermissions: { High: string | number; Low: string | number };
  Hidden?: boolean;
  RoleTypeKind?: number;
}

/** Where a new custom level sorts among the levels (after the built-in ones). */
const CUSTOM_ORDER = 1000;

async function readRoleDefinitions(ctx: { tenant: TenantClient; memo<T>(k: string, l: () => Promise<T>): Promise<T> }, webUrl: string): Promise<SpRoleDefinition[]> {
  return ctx.memo(`roledefinitions:${webUrl}`, () => ctx.tenant.sp.call(() => ctx.tenant.sp.query(webUrl, '_api/web/roleDefinitions')<SpRoleDefinition[]>()));
}

function propsOf(d: SpRoleDefinition): Partial<RoleDefinitionProps> {
  return { name: d.Name, description: d.Description ?? '', basePermissions: fromBasePermissions(d.BasePermissions) };
}

export const roleDefinitionEffects: KindEffects<'roleDefinition'> = {
  uniqueKey: true,
  async read(resource, ctx): Promise<ObservedState<'roleDefinition'>> {
    const webUrl = ctx.parentIds.webUrl;
    if (!webUrl) return { status: 'unknown', reason: 'the parent site is not provisioned yet' };
    const defs = await readRoleDefinitions(ctx, webUrl);
    const want = resource.props.name.toLowerCase();
    const d = defs.find((x) => x.Name.toLowerCase() === want);
    if (!d) return { status: 'absent' };
    return { status: 'present', id: String(d.Id), ids: roleIds(ctx.parentIds, d.Id), props: propsOf(d) };
  },

  async create(resource, { tenant, parentIds }) {
    const p = resource.props;
    const webUrl = requireWeb(parentIds);
    const created = await tenant.sp.call(() =>
      tenant.sp.web(webUrl).web.roleDefinitions.add(p.name, p.description ?? '', CUSTOM_ORDER, toBasePermissions(p.basePermissions ?? [])),
    );
    const id = (created.data as { Id?: number }).Id;
    if (id === undefined) throw new Error('SharePoint did not return the new permission level id');
    return { id: String(id), ids: roleIds(parentIds, id) };
  },

  async update(resource, id, ids, changed, { tenant }) {
    const p = resource.props;
    const patch: Record<string, unknown> = {};
    if (changed.includes('name')) patch.Name = p.name;
    if (changed.includes('description')) patch.Description = p.description ?? '';
    if (changed.includes('basePermissions')) patch.BasePermissions = toBasePermissions(p.basePermissions ?? []);
    if (Object.keys(patch).length === 0) return;
    const webUrl = requireWeb(ids);
    // MERGE directly: PnP's RoleDefinition.update reads patch.BasePermissions.High even when the
    // patch has none (so a rename or a description alone would throw before any request).
    const patchMask = patch.BasePermissions as { High: number | string; Low: number | string } | undefined;
    if (patchMask) patch.BasePermissions = { High: String(patchMask.High), Low: String(patchMask.Low) };
    await tenant.sp.call(() => spPostMerge(tenant.sp.web(webUrl).web.roleDefinitions.getById(Number(id)), body(patch)));
  },

  async listExisting(parent, parentIds, ctx): Promise<ExistingResource[]> {
    const webUrl = parentIds.webUrl;
    if (!webUrl) return [];
    const defs = await readRoleDefinitions(ctx, webUrl);
    return defs
      .filter((d) => !isBuiltinRoleName(d.Name))
      .map((d) => ({ address: roleDefinitionAddress(parent, d.Name), id: String(d.Id), ids: roleIds(parentIds, d.Id), props: propsOf(d) }));
  },

  async delete(_address, _before, id, ids, { tenant }) {
    const webUrl = requireWeb(ids);
    await tenant.sp.call(() => tenant.sp.web(webUrl).web.roleDefinitions.getById(Number(id)).delete());
  },
};

function roleIds(parentIds: ResourceIds, id: number): ResourceIds {
  return { siteId: parentIds.siteId ?? '', webUrl: parentIds.webUrl ?? '', roleDefinitionId: String(id) };
}
