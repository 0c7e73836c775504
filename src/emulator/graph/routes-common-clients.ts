/**
 * Graph reads that common clients (CLI for Microsoft 365, the Graph SDKs, PnP) call at start or
 * around the engine's objects: `GET /me` (delegated only: an app-only token gets the service's
 * 400), `GET /organization`, `GET /teams` (list teams) and `GET /groups/{id}/drive` (the group
 * site's default document library as a drive). Each checks its documented permissions.
 */
import type { TokenClaims } from '../auth-claims.ts';
import { isAppOnly, permissionsOf } from '../auth-claims.ts';
import { jsonRes, type Req, type Res } from '../http.ts';
import { compileFilter } from '../odata.ts';
import type { Store } from '../store.ts';
import { collectionRes, contextUrlOf, pageOf, queryOption, selectOf, shapeOf } from './collection.ts';
import { checkSelect } from './directory-query.ts';
import { USER_TYPE } from './directory-schema.ts';
import { GraphError } from './errors.ts';
import { GRAPH_BASE, userExtra, userJson } from './project.ts';
import { resolveTeam } from './teams.ts';

/** What these routes need from the face. */
export interface CommonClientsCtx {
  store: Store;
  req: Req;
  tenantId: string;
  /** a team's Graph JSON (teams.ts) */
  teamJson: (id: string) => Record<string, unknown> | undefined;
}

const ME_SCOPES = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const ORG_ROLES = ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

function denied(): GraphError {
  return new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

function holds(claims: TokenClaims, any: string[]): boolean {
  const have = permissionsOf(claims);
  return any.some((p) => have.includes(p));
}

/** Serves the path, or undefined when it is not one of these routes. `segs` are the path without the version. */
export function commonClientsRoute(c: CommonClientsCtx, segs: string[], op: (name: string) => void): Res | undefined {
  if (c.req.method !== 'GET') return undefined;
  const s0 = segs[0]?.toLowerCase();
  const claims = c.req.claims as TokenClaims;
  if (s0 === 'me' && segs.length === 1) {
    op('/me');
    if (isAppOnly(claims)) throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    if (!holds(claims, ME_SCOPES)) throw denied();
    const u = c.store.getUser(claims.oid) ?? (claims.upn ? c.store.getUser(claims.upn) : undefined);
    if (!u) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${claims.oid}' does not exist or one of its queried reference-property objects are not present.`);
    const sel = selectOf(c.req);
    checkSelect(USER_TYPE, sel);
    return jsonRes(200, { '@odata.context': contextUrlOf('users', sel, true), ...shapeOf(userJson(u), () => userExtra(u), sel, false) });
  }
  if (s0 === 'organization' && segs.length === 1) {
    op('/organization');
    if (!holds(claims, isAppOnly(claims) ? ORG_ROLES : ['User.Read', ...ORG_ROLES])) throw denied();
    return collectionRes(c.req, 'organization', [organizationJson(c)].map((o) => shapeOf(o, () => ({}), selectOf(c.req), true)), undefined);
  }
  if (s0 === 'teams' && segs.length === 1) {
    op('/teams');
    return listTeams(c);
  }
  if (s0 === 'groups' && segs.length === 3 && segs[2]!.toLowerCase() === 'drive') {
    op('/groups/{id}/drive');
    return groupDrive(c, segs[1]!);
  }
  return undefined;
}

function organizationJson(c: CommonClientsCtx): Record<string, unknown> {
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
    directorySizeQuota: { used: c.store.users.size + c.store.groups.size, total: 300000 },
    assignedPlans: [],
    provisionedPlans: [],
    verifiedDomains: [{ capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: c.store.domain, type: 'Managed' }],
  };
}

function listTeams(c: CommonClientsCtx): Res {
  const all: Record<string, unknown>[] = [];
  for (const t of c.store.teams.values()) {
    if (!resolveTeam(c.store, t.id)) continue;
    const j = c.teamJson(t.id);
    if (j) all.push(j);
  }
  const f = queryOption(c.req, 'filter');
  const filtered = f ? all.filter(compileFilter(f, { allowIn: true })) : all;
  const { items, nextLink } = pageOf(c.req, filtered, 100, 999);
  const sel = selectOf(c.req);
  return collectionRes(c.req, 'teams', items.map((j) => shapeOf(j, () => ({}), sel, true)), nextLink);
}

/** A GUID's 16 bytes in .NET order (the first three groups little-endian), as drive ids embed them. */
function guidBytes(g: string): Buffer {
  const h = g.replace(/-/g, '');
  const b = Buffer.from(h, 'hex');
  return Buffer.concat([Buffer.from(b.subarray(0, 4)).reverse(), Buffer.from(b.subarray(4, 6)).reverse(), Buffer.from(b.subarray(6, 8)).reverse(), b.subarray(8)]);
}

function groupDrive(c: CommonClientsCtx, gid: string): Res {
  const g = c.store.getGroup(gid);
  if (!g) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${gid}' does not exist or one of its queried reference-property objects are not present.`);
  const site = g.siteId ? c.store.getSite(g.siteId) : undefined;
  const lib = site && c.store.isVisible(site) ? c.store.getListByUrl(site.id, 'Shared Documents') : undefined;
  if (!site || !lib) throw new GraphError(404, 'itemNotFound', 'Requested site could not be found');
  const id = `b!${Buffer.concat([guidBytes(site.id), guidBytes(site.webId), guidBytes(lib.id)]).toString('base64url')}`;
  const webUrl = c.store.absoluteUrl(`${site.url === '/' ? '' : site.url}/Shared Documents`);
  const drive = {
    createdDateTime: lib.created,
    description: lib.description,
    id,
    lastModifiedDateTime: lib.modified ?? lib.created,
    name: lib.title,
    webUrl,
    driveType: 'documentLibrary',
    createdBy: { user: { displayName: 'System Account' } },
    owner: { group: { email: g.mailEnabled ? `${g.mailNickname}@${c.store.domain}` : null, id: g.id, displayName: g.displayName } },
    quota: { deleted: 0, remaining: 27487790694400, state: 'normal', total: 27487790694400, used: 0 },
  };
  const sel = selectOf(c.req);
  return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#drives/$entity`, ...shapeOf(drive, () => ({}), sel, false) });
}
