/**
 * Graph reads that common clients (CLI for Microsoft 365, the Graph SDKs, PnP) call at start or
 * around the engine's objects: `GET /me` (delegated only: an app-only token gets the service's
 * 400), `GET /organization`, and `GET /teams` (list teams); `GET /groups/{id}/drive[s]` is
 * group-drive.ts. Each checks its documented permissions. `$select` names are checked against
 * the type (organization: the directory's answer, directory-query.ts; team: sharepoint-select.ts);
 * neither route expands anything, so an `$expand` is refused, never ignored.
 */
import type { TokenClaims } from '../auth-claims.ts';
import { isAppOnly, permissionsOf } from '../auth-claims.ts';
import { jsonRes, type Res } from '../http.ts';
import { compileFilter } from '../odata.ts';
import { collectionRes, contextUrlOf, pageOf, queryOption, selectOf, shapeOf } from './collection.ts';
import { checkedExpand, checkSelect } from './directory-query.ts';
import { ORGANIZATION_TYPE, USER_TYPE } from './directory-schema.ts';
import { GraphError } from './errors.ts';
import { userExtra, userJson } from './project.ts';
import type { GraphCtx } from './route-context.ts';
import type { GraphRoute } from './route-table.ts';
import { TEAM_TYPE } from './teams-schema.ts';
import { sharePointExpand, sharePointSelect } from './sharepoint-select.ts';
import { resolveTeam } from './teams.ts';
import { directoryObjects, directoryQuota } from '../verified-domains.ts';

const ME_SCOPES = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const ORG_ROLES = ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

function denied(): GraphError {
  return new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

function holds(claims: TokenClaims, any: string[]): boolean {
  const have = permissionsOf(claims);
  return any.some((p) => have.includes(p));
}

function me(c: GraphCtx): Res {
  const claims = c.req.claims as TokenClaims;
  if (isAppOnly(claims)) throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  if (!holds(claims, ME_SCOPES)) throw denied();
  const u = c.store.getUser(claims.oid) ?? (claims.upn ? c.store.getUser(claims.upn) : undefined);
  if (!u) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${claims.oid}' does not exist or one of its queried reference-property objects are not present.`);
  const sel = selectOf(c.req);
  checkSelect(USER_TYPE, sel);
  return jsonRes(200, { '@odata.context': contextUrlOf('users', sel, true), ...shapeOf(userJson(u), () => userExtra(u), sel, false) });
}

function organization(c: GraphCtx): Res {
  const claims = c.req.claims as TokenClaims;
  if (!holds(claims, isAppOnly(claims) ? ORG_ROLES : ['User.Read', ...ORG_ROLES])) throw denied();
  const sel = selectOf(c.req);
  checkSelect(ORGANIZATION_TYPE, sel);
  checkedExpand(c.req, ORGANIZATION_TYPE, () => false);
  return collectionRes(c.req, 'organization', [organizationJson(c)].map((o) => shapeOf(o, () => ({}), sel, true)), undefined);
}

/** The common clients' reads, in their order of precedence. */
export const COMMON_CLIENT_ROUTES: GraphRoute[] = [
  { method: 'GET', pattern: '/me', op: '/me', handler: me },
  { method: 'GET', pattern: '/organization', op: '/organization', handler: organization },
  { method: 'GET', pattern: '/teams', op: '/teams', handler: listTeams },
];

function organizationJson(c: GraphCtx): Record<string, unknown> {
  return {
    id: c.tenantId,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: null,
    createdDateTime: '2020-01-01T00:00:00Z',
    displayName: c.store.tenantName,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    postalCode: null,
    preferredLanguage: null,
    privacyProfile: null,
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: 'AAD',
    directorySizeQuota: { used: directoryObjects(c.store), total: directoryQuota(c.store.customDomains) },
    assignedPlans: [],
    provisionedPlans: [],
    // the initial domain (the default), then the custom ones the tenant verified
    verifiedDomains: [c.store.domain, ...c.store.customDomains].map((name, i) => ({ capabilities: 'Email, OfficeCommunicationsOnline', isDefault: i === 0, isInitial: i === 0, name, type: 'Managed' })),
  };
}

/**
 * `GET /teams`: "Currently, this API call returns only the id, displayName, and description
 * properties of a team. To get all properties, use the Get team operation." (List teams): a
 * `$select` of another declared property is accepted and gives nothing more.
 */
function listTeams(c: GraphCtx): Res {
  const sel = sharePointSelect(c.req, TEAM_TYPE);
  sharePointExpand(c.req, TEAM_TYPE, {});
  const all: Record<string, unknown>[] = [];
  for (const t of c.store.teams.values()) {
    if (!resolveTeam(c.store, t.id)) continue;
    all.push(c.teams.teamJson(t));
  }
  const f = queryOption(c.req, 'filter');
  const filtered = f ? all.filter(compileFilter(f, { allowIn: true })) : all;
  const { items, nextLink } = pageOf(c.req, filtered, 100, 999);
  const listed = items.map((j) => ({ id: j.id, displayName: j.displayName, description: j.description }));
  return collectionRes(c.req, 'teams', listed.map((j) => shapeOf(j, () => ({}), sel, true)), nextLink);
}
