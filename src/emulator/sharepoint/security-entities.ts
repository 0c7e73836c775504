/**
 * The entities of site security as SharePoint REST shows them: `SP.User`, `SP.Group` (with its
 * `Owner` and `Users`), `SP.RoleDefinition`, `SP.RoleAssignment` (with `Member` and
 * `RoleDefinitionBindings`), used by the security routes (security-*.ts).
 */
import type { AssignmentRec, RoleDefRec, SiteSecurityRec, SpGroupRec, SpUserRec } from '../security-state.ts';
import { apiBase, type SpEntity } from './project.ts';
import type { SpRouteCtx } from './route-context.ts';
import type { Securable } from './security-records.ts';

function base(ctx: SpRouteCtx): string {
  return apiBase(ctx.store, ctx.site);
}

export function userEntity(ctx: SpRouteCtx, u: SpUserRec): SpEntity {
  const path = `Web/GetUserById(${u.id})`;
  return {
    type: 'SP.User',
    id: `${base(ctx)}/${path}`,
    editLink: path,
    props: {
      Id: u.id,
      IsHiddenInUI: false,
      LoginName: u.loginName,
      Title: u.title,
      PrincipalType: u.principalType ?? 1,
      Email: u.email,
      Expiration: '',
      IsEmailAuthenticationGuestUser: false,
      IsShareByEmailGuestUser: false,
      // the owner a communication site was created with (SPSiteManager `Owner`) is its site
      // collection administrator; a group site's owners are so through the group, not one by one
      IsSiteAdmin: ctx.site.groupId === null && ctx.site.owner !== null && ctx.site.owner === u.aadId,
      UserId: { NameId: u.aadId.replace(/-/g, '').slice(0, 16), NameIdIssuer: 'urn:federation:microsoftonline' },
      // a group has none (null, as the service answers for a security group's SP.User)
      UserPrincipalName: u.upn || null,
    },
  };
}

export function groupEntity(ctx: SpRouteCtx, rec: SiteSecurityRec, g: SpGroupRec): SpEntity {
  const path = `Web/SiteGroups/GetById(${g.id})`;
  const owner = principalEntity(ctx, rec, g.ownerId, false);
  return {
    type: 'SP.Group',
    id: `${base(ctx)}/${path}`,
    editLink: path,
    props: {
      Id: g.id,
      IsHiddenInUI: false,
      LoginName: g.title,
      Title: g.title,
      PrincipalType: 8,
      AllowMembersEditMembership: g.allowMembersEditMembership,
      AllowRequestToJoinLeave: false,
      AutoAcceptRequestToJoinLeave: false,
      Description: g.description,
      OnlyAllowMembersViewMembership: g.onlyAllowMembersViewMembership,
      OwnerTitle: owner ? (owner.props.Title as string) : '',
      RequestToJoinLeaveEmailSetting: null,
    },
    navs: {
      ...(owner ? { Owner: () => owner } : {}),
      Users: () => g.members.map((id) => rec.users.find((u) => u.id === id)).filter((u): u is SpUserRec => !!u).map((u) => userEntity(ctx, u)),
    },
    ...(owner ? {} : { absentNavs: ['Owner'] }),
  };
}

export function principalEntity(ctx: SpRouteCtx, rec: SiteSecurityRec, id: number, deep = true): SpEntity | undefined {
  const u = rec.users.find((x) => x.id === id);
  if (u) return userEntity(ctx, u);
  const g = rec.groups.find((x) => x.id === id);
  if (!g) return undefined;
  if (deep) return groupEntity(ctx, rec, g);
  const path = `Web/SiteGroups/GetById(${g.id})`;
  return { type: 'SP.Group', id: `${base(ctx)}/${path}`, editLink: path, props: { Id: g.id, IsHiddenInUI: false, LoginName: g.title, Title: g.title, PrincipalType: 8 } };
}

export function roleDefEntity(ctx: SpRouteCtx, d: RoleDefRec): SpEntity {
  const path = `Web/RoleDefinitions(${d.id})`;
  return {
    type: 'SP.RoleDefinition',
    id: `${base(ctx)}/${path}`,
    editLink: path,
    props: {
      BasePermissions: { High: String(d.high), Low: String(d.low) },
      Description: d.description,
      Hidden: d.hidden,
      Id: d.id,
      Name: d.name,
      Order: d.order,
      RoleTypeKind: d.roleTypeKind,
    },
  };
}

function securablePath(on: Securable): string {
  return on.k === 'web' ? 'Web' : `Web/Lists(guid'${on.listId}')`;
}

export function assignmentEntity(ctx: SpRouteCtx, rec: SiteSecurityRec, on: Securable, a: AssignmentRec): SpEntity {
  const path = `${securablePath(on)}/RoleAssignments/GetByPrincipalId(${a.principalId})`;
  const member = principalEntity(ctx, rec, a.principalId);
  return {
    type: 'SP.RoleAssignment',
    id: `${base(ctx)}/${path}`,
    editLink: path,
    props: { PrincipalId: a.principalId },
    navs: {
      ...(member ? { Member: () => member } : {}),
      RoleDefinitionBindings: () => a.roleDefIds.map((id) => rec.roleDefs.find((d) => d.id === id)).filter((d): d is RoleDefRec => !!d).map((d) => roleDefEntity(ctx, d)),
    },
    ...(member ? {} : { absentNavs: ['Member'] }),
  };
}
