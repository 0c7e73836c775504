/**
 * SharePoint security of the local tenant, per site collection: site users (principals made by
 * ensureuser), SharePoint site groups and their members, role definitions (permission levels),
 * role assignments of the root web and of lists with unique permissions, and the site's external
 * sharing capability (a tenant-admin property of the site).
 *
 * One record per site (`SiteSecurityRec`), upserted whole by a `{ k: 'sec', v }` op through
 * `store.commit`, so that the journal replays it. A site without a record has the defaults a new
 * site gets (`defaultSecurity`): the associated Owners, Members and Visitors groups with Full
 * Control, Edit and Read on the root web, the built-in permission levels, sharing
 * ExternalUserSharingOnly; the record is written at the first change.
 */
import type { Gone, SubStore } from './sub-store.ts';
import type { SiteRec } from './types.ts';

/** A user principal of a site collection (SP.User), made by ensureuser. */
export interface SpUserRec {
  id: number;
  /**
   * claims login name: `i:0#.f|membership|<upn>` for a user; for an Entra group
   * `c:0t.c|tenant|<id>` (a security group) or `c:0o.c|federateddirectoryclaimprovider|<id>` (a
   * Microsoft 365 group's members)
   */
  loginName: string;
  title: string;
  email: string;
  /** '' for a group */
  upn: string;
  /** the Entra ID object id */
  aadId: string;
  /** SP.PrincipalType: 1 a user (when absent), 4 a security group (an Entra group) */
  principalType?: 1 | 4;
}

/** A SharePoint site group (SP.Group). `ownerId` is a principal id (a user or a group). */
export interface SpGroupRec {
  id: number;
  title: string;
  description: string;
  ownerId: number;
  /** user principal ids, in the order they were added */
  members: number[];
  onlyAllowMembersViewMembership: boolean;
  allowMembersEditMembership: boolean;
}

/** A role definition (SP.RoleDefinition): BasePermissions as SharePoint's High/Low 32-bit halves. */
export interface RoleDefRec {
  id: number;
  name: string;
  description: string;
  high: number;
  low: number;
  roleTypeKind: number;
  order: number;
  hidden: boolean;
}

/** The bindings of one principal on one securable. */
export interface AssignmentRec {
  principalId: number;
  roleDefIds: number[];
}

export interface SiteSecurityRec {
  siteId: string;
  nextPrincipalId: number;
  nextRoleDefId: number;
  users: SpUserRec[];
  groups: SpGroupRec[];
  roleDefs: RoleDefRec[];
  /** role assignments of the root web (always unique) */
  web: AssignmentRec[];
  /** role assignments of lists with unique permissions, by list id; an absent list inherits */
  lists: Record<string, AssignmentRec[]>;
  /** SharingCapabilities: 0 Disabled, 1 ExternalUserSharingOnly, 2 ExternalUserAndGuestSharing, 3 ExistingExternalUserSharingOnly */
  sharingCapability: number;
  /** ids of the site's associated Owners, Members, Visitors groups */
  associated: { owners: number; members: number; visitors: number };
}

export type SecOp = { k: 'sec'; v: SiteSecurityRec };

/** The permission levels every site has, with SharePoint Online's ids and base permissions. */
export const BUILTIN_ROLE_DEFS: readonly RoleDefRec[] = [
  { id: 1073741829, name: 'Full Control', description: 'Has full control.', high: 2147483647, low: 4294967295, roleTypeKind: 5, order: 1, hidden: false },
  { id: 1073741828, name: 'Design', description: 'Can view, add, update, delete, approve, and customize.', high: 432, low: 1012866047, roleTypeKind: 4, order: 32, hidden: false },
  { id: 1073741830, name: 'Edit', description: 'Can add, edit and delete lists; can view, add, update and delete list items and documents.', high: 432, low: 1011030767, roleTypeKind: 6, order: 48, hidden: false },
  { id: 1073741827, name: 'Contribute', description: 'Can view, add, update, and delete list items and documents.', high: 432, low: 1011028719, roleTypeKind: 3, order: 64, hidden: false },
  { id: 1073741826, name: 'Read', description: 'Can view pages and list items and download documents.', high: 176, low: 138612833, roleTypeKind: 2, order: 128, hidden: false },
  { id: 1073741825, name: 'Limited Access', description: 'Can view specific lists, document libraries, list items, folders, or documents when given permissions.', high: 48, low: 134418465, roleTypeKind: 1, order: 160, hidden: true },
  { id: 1073741924, name: 'View Only', description: 'Can view pages, list items, and documents. Document types with server-side file handlers can be viewed in the browser but not downloaded.', high: 176, low: 138612801, roleTypeKind: 0, order: 2147483647, hidden: false },
];

export function isBuiltinRoleDef(id: number): boolean {
  return BUILTIN_ROLE_DEFS.some((d) => d.id === id);
}

export const DEFAULT_SHARING_CAPABILITY = 1;

export function defaultSecurity(site: SiteRec): SiteSecurityRec {
  const title = site.title;
  const group = (id: number, suffix: string, description: string): SpGroupRec => ({
    id,
    title: `${title} ${suffix}`,
    description,
    ownerId: 3,
    members: [],
    onlyAllowMembersViewMembership: false,
    allowMembersEditMembership: suffix === 'Members',
  });
  return {
    siteId: site.id,
    nextPrincipalId: 7,
    nextRoleDefId: 1073741925,
    users: [],
    groups: [
      group(3, 'Owners', `Use this group to grant people full control permissions to the SharePoint site: ${title}`),
      group(4, 'Visitors', `Use this group to grant people read permissions to the SharePoint site: ${title}`),
      group(5, 'Members', `Use this group to grant people contribute permissions to the SharePoint site: ${title}`),
    ],
    roleDefs: BUILTIN_ROLE_DEFS.map((d) => ({ ...d })),
    web: [
      { principalId: 3, roleDefIds: [1073741829] },
      { principalId: 4, roleDefIds: [1073741826] },
      { principalId: 5, roleDefIds: [1073741830] },
    ],
    lists: {},
    sharingCapability: DEFAULT_SHARING_CAPABILITY,
    associated: { owners: 3, members: 5, visitors: 4 },
  };
}

/** The store's security records (`store.sec`). */
export class SecurityState implements SubStore<SecOp> {
  readonly name = 'security';
  readonly opKinds = ['sec'] as const;
  private readonly recs = new Map<string, SiteSecurityRec>();

  apply(op: SecOp): void {
    this.recs.set(op.v.siteId, op.v);
  }

  *snapshotOps(): Generator<SecOp> {
    for (const v of this.recs.values()) yield { k: 'sec', v };
  }

  /** A purged site's record; a deleted list's role assignments (the site's record stays). */
  drop(gone: Gone): void {
    if (!gone.any.sites && !gone.any.lists) return;
    for (const rec of this.recs.values()) {
      if (gone.site(rec.siteId)) this.recs.delete(rec.siteId);
      else if (Object.keys(rec.lists).some((id) => gone.list(id))) {
        this.recs.set(rec.siteId, { ...rec, lists: Object.fromEntries(Object.entries(rec.lists).filter(([id]) => !gone.list(id))) });
      }
    }
  }

  /** The site's record (the defaults when it was never changed). Read-only: change a copy and commit it. */
  of(site: SiteRec): SiteSecurityRec {
    return this.recs.get(site.id) ?? defaultSecurity(site);
  }
}
