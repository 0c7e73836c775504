/**
 * An Entra group a role assignment names (`entra:<display name or object id>`), found in the
 * directory through Graph and turned into the claims login SharePoint knows it by: a security
 * group's `c:0t.c|tenant|<id>`, a Microsoft 365 group's members' `c:0o.c|federateddirectoryclaimprovider|<id>`
 * (what PnP and CLI for Microsoft 365 pass to `ensureuser`). A group is found by its object id
 * (`GET /groups/{id}`) or by its display name (`GET /groups?$filter=displayName eq '…'`, which the
 * directory compares case-insensitively); a name that no group or more than one group has, or a
 * distribution list (neither security-enabled nor a Microsoft 365 group: SharePoint cannot grant
 * it anything), is an error that says what to write. Looked up once a plan or run (`memo`): a
 * template names the same few groups in every workspace. Needs Graph Group.Read.All (or
 * Directory.Read.All).
 */
import type { ReadContext } from '../kind-effects.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { GraphFace } from '../../tenant/graph-client.ts';

/** A directory group as this lookup reads it. */
interface DirectoryGroup {
  id: string;
  displayName: string;
  securityEnabled?: boolean;
  groupTypes?: string[];
}

/** An Entra group found: its id, its name, and the claims login SharePoint grants it by. */
export interface EntraGroup {
  id: string;
  displayName: string;
  login: string;
}

const SELECT = '$select=id,displayName,securityEnabled,groupTypes';
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims login of a security group, or of a Microsoft 365 group's members. */
export function claimsLoginOf(group: Pick<DirectoryGroup, 'id' | 'securityEnabled' | 'groupTypes'>): string | undefined {
  if (group.groupTypes?.some((t) => t.toLowerCase() === 'unified')) return `c:0o.c|federateddirectoryclaimprovider|${group.id.toLowerCase()}`;
  if (group.securityEnabled) return `c:0t.c|tenant|${group.id.toLowerCase()}`;
  return undefined;
}

/** Whether a SharePoint claims login is an Entra group's (as `claimsLoginOf` makes them). */
export function isGroupLogin(login: string): boolean {
  return groupIdOfLogin(login) !== undefined;
}

/** The object id in an Entra group's claims login, or undefined for any other login. */
export function groupIdOfLogin(login: string | undefined): string | undefined {
  const m = /^c:0(?:t\.c\|tenant|o\.c\|federateddirectoryclaimprovider)\|([0-9a-f-]+)$/i.exec(login ?? '');
  return m?.[1]?.toLowerCase();
}

/**
 * Why a principal names no usable group (not found, several, a distribution list): the blueprint
 * must change. Any other failure of the lookup is the service's (a TenantError).
 */
export class EntraGroupNotUsable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntraGroupNotUsable';
  }
}

/** The group `ref` names (a display name or an object id); throws EntraGroupNotUsable with what to write when there is not exactly one usable group. */
export async function findEntraGroup(graph: GraphFace, ref: string): Promise<EntraGroup> {
  let group: DirectoryGroup | undefined;
  if (OBJECT_ID.test(ref)) {
    group = await graph.find<DirectoryGroup>(`/groups/${ref}?${SELECT}`);
    if (!group) throw new EntraGroupNotUsable(`no Entra group has the object id ${ref}`);
  } else {
    const quoted = ref.replace(/'/g, "''");
    const named = await graph.list<DirectoryGroup>(`/groups?$filter=${encodeURIComponent(`displayName eq '${quoted}'`)}&${SELECT}`);
    if (named.length === 0) throw new EntraGroupNotUsable(`no Entra group is named '${ref}' (write its display name, or entra:<its object id>)`);
    if (named.length > 1) throw new EntraGroupNotUsable(`${named.length} Entra groups are named '${ref}' (${named.map((g) => g.id).join(', ')}): write entra:<the object id> of the one meant`);
    group = named[0]!;
  }
  const login = claimsLoginOf(group);
  if (!login) throw new EntraGroupNotUsable(`the Entra group '${group.displayName}' (${group.id}) is a distribution list: neither security-enabled nor a Microsoft 365 group, SharePoint cannot grant it permissions`);
  return { id: group.id, displayName: group.displayName, login };
}

/** `findEntraGroup`, once a plan or run (`memo`). */
export function entraGroupNamed(memo: ReadContext['memo'], tenant: TenantClient, ref: string): Promise<EntraGroup> {
  return memo(`entraGroup:${ref.toLowerCase()}`, () => findEntraGroup(tenant.graph, ref));
}
