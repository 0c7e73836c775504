/**
 * The Microsoft Graph v1.0 face: directory (users, groups, owners/members) and SharePoint sites,
 * lists and columns, projected from the shared store.
 */
import { randomUUID } from 'node:crypto';
import type { Auth } from '../auth.ts';
import { permissionsOf } from '../auth-claims.ts';
import { BadBody, emptyRes, header, isObj, jsonRes, parseJsonBody, type Req, type Res } from '../http.ts';
import { compileFilter, ODataError } from '../odata.ts';
import { collectionRes, contextUrlOf, pageOf, queryOption, selectOf, shapeOf } from './collection.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { FieldRec, GroupRec, ItemRec, ListRec, SiteRec, UserRec } from '../types.ts';
import { eTagMatches, fieldsJson, itemFieldsInput, listItemJson } from './list-items.ts';
import { checkGraph } from '../permissions.ts';
import { checkTermStore } from './termstore-access.ts';
import type { Gate } from '../policy.ts';
import { deletedItemsRoute, deleteGroup } from './deleted-items.ts';
import { groupDriveRoute } from './group-drive.ts';
import { TeamsRoutes } from './teams.ts';
import { teamsContentRoute } from './channels.ts';
import { graphBatch } from './batch.ts';
import { metadataRoutes } from './metadata.ts';
import { sensitivityLabelsRoute } from './sensitivity-labels.ts';
import { GraphError } from './errors.ts';
import { commonClientsRoute } from './routes-common-clients.ts';
import { countGroups, countUsers, getGroup, getUser, listGroups, listRefs, listUsers } from './directory-reads.ts';
import { noDirectoryLag, REFERENCES_NOT_REPLICATED, type DirectoryLag } from '../directory-lag.ts';
import {
  ColumnInputError,
  columnJson,
  columnPatch,
  GRAPH_BASE,
  graphSiteId,
  groupJson,
  listExtra,
  listJson,
  listName,
  siteExtra,
  siteJson,
  templateNumber,
  userJson,
} from './project.ts';

export { GraphError };

const ctxBase = `${GRAPH_BASE}/$metadata#`;

interface Ctx {
  req: Req;
  store: Store;
  tenantId: string;
  segs: string[];
  lag: DirectoryLag;
  /** set when the url addressed a site by path (sites/{host}:/{path}:) */
  site?: SiteRec;
}

export class GraphFace {
  /** Teams routes (graph/teams.ts); their async timings are set by the behaviour profile */
  readonly teams: TeamsRoutes;
  /** throttling of $batch sub-requests (set by the local tenant; null = none) */
  gate: Gate | null = null;
  /** directory eventual consistency: new groups missing from lookups for a while (directory-lag.ts; set by the local tenant) */
  directoryLag = noDirectoryLag();

  constructor(
    private readonly store: Store,
    private readonly auth: Auth,
    private readonly tenantId: string,
  ) {
    this.teams = new TeamsRoutes(store, tenantId);
  }

  handle(req: Req): Res {
    const requestId = req.requestId;
    const clientRequestId = header(req, 'client-request-id') ?? requestId;
    const baseHeaders = {
      'request-id': requestId,
      'client-request-id': clientRequestId,
      'x-ms-ags-diagnostic': '{"ServerInfo":{"DataCenter":"Local","Slice":"E","Ring":"1","ScaleUnit":"000","RoleInstance":"local-tenant"}}',
      'odata-version': '4.0',
    };
    let res: Res;
    try {
      res = this.route(req);
    } catch (e) {
      let status = 500;
      let code = 'generalException';
      let message = 'An unexpected error occurred.';
      if (e instanceof GraphError) ({ status, code, message } = e);
      else if (e instanceof ODataError) {
        status = 400;
        code = 'Request_BadRequest';
        message = `Invalid filter clause: ${e.message}`;
      } else if (e instanceof BadBody) {
        status = 400;
        code = 'BadRequest';
        message = 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';
      } else if (e instanceof ColumnInputError) {
        status = 400;
        code = 'invalidRequest';
        message = e.message;
      } else {
        message = (e as Error).message;
      }
      req.op ??= `${req.method} (error)`;
      res = jsonRes(status, {
        error: { code, message, innerError: { date: this.store.nowIso(), 'request-id': requestId, 'client-request-id': clientRequestId } },
      });
    }
    Object.assign(res.headers, baseHeaders);
    if (res.body !== undefined && res.headers['content-type']?.startsWith('application/json')) {
      res.headers['content-type'] = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
    }
    return res;
  }

  private route(req: Req): Res {
    let path = req.rawPath;
    const vm = /^\/(v1\.0|beta)(\/|$)/i.exec(path);
    if (!vm) {
      req.op = `${req.method} (unknown)`;
      throw new GraphError(400, 'BadRequest', 'Invalid version.');
    }
    path = path.slice(vm[0].length);
    const v = this.auth.verify(req, 'graph');
    if (!v.ok) {
      req.op = `${req.method} (unauthenticated)`;
      const msg = {
        missing: 'Access token is empty.',
        malformed: 'IDX14100: JWT is not well formed, there are no dots (.).',
        signature: 'Access token validation failure. Invalid signature.',
        expired: 'Lifetime validation failed, the token is expired.',
        audience: 'Access token validation failure. Invalid audience.',
        'not-yet-valid': 'Lifetime validation failed, the token is not yet valid.',
        'unsupported-app-only': 'Access token validation failure.',
      }[v.reason];
      throw new GraphError(401, 'InvalidAuthenticationToken', msg);
    }
    req.claims = v.claims;
    const rawSegs = path.split('/').filter(Boolean);
    // the term store supports only delegated callers (termstore-access.ts); other routes check app roles or scopes
    const ts = checkTermStore(req.method, rawSegs, v.claims as { scp?: unknown; roles?: unknown });
    const denied = ts === undefined ? checkGraph(req.method, rawSegs, permissionsOf(v.claims)) : ts;
    if (denied) {
      req.op = `${req.method} (forbidden)`;
      throw new GraphError(403, denied.code, denied.message);
    }
    const ctx: Ctx = { req, store: this.store, tenantId: this.tenantId, segs: [], lag: this.directoryLag };
    // sites/{hostname}:/{server-relative-path}[:[/rest]]
    const sm = /^sites\/([^/:]+):(\/[^:]*)?(?::(.*))?$/i.exec(path);
    if (sm) {
      const host = sm[1]!;
      let rel = safeDecode(sm[2] ?? '/');
      if (rel.length > 1 && rel.endsWith('/')) rel = rel.slice(0, -1);
      const site = host.toLowerCase() === this.store.spHost ? this.store.getSiteByUrl(rel) : undefined;
      if (!site) {
        req.op = `${req.method} /sites/{hostname}:/{path}`;
        throw new GraphError(404, 'itemNotFound', 'The provided path does not exist, or does not represent a site');
      }
      ctx.site = site;
      const rest = (sm[3] ?? '').replace(/^\/+/, '');
      path = `sites/{bypath}${rest ? '/' + rest : ''}`;
    }
    ctx.segs = path.split('/').filter((s) => s.length > 0).map(safeDecode);
    return this.dispatch(ctx);
  }

  private dispatch(c: Ctx): Res {
    const { req, segs } = c;
    const m = req.method;
    const s0 = segs[0]?.toLowerCase();
    const n = segs.length;
    const op = (name: string) => {
      req.op = `${m} ${name}`;
    };
    const common = commonClientsRoute({ store: this.store, req, tenantId: this.tenantId, teamJson: (id) => this.teamJsonOf(id) }, segs, op);
    if (common) return common;
    if (s0?.startsWith('teams') || (s0 === 'groups' && segs[2]?.toLowerCase() === 'team')) {
      const r = this.teams.route(req, segs, op);
      if (r) return r;
    }
    if (s0?.startsWith('teams')) {
      const r = teamsContentRoute(this.store, this.tenantId, req, segs, op);
      if (r) return r;
    }
    if (s0 === 'directory') {
      const r = deletedItemsRoute(this.store, req, segs, op);
      if (r) return r;
    }
    if (s0 === 'groups' && segs[2]?.toLowerCase().startsWith('drive')) {
      const r = groupDriveRoute(this.store, req, segs, op);
      if (r) return r;
    }
    if (s0 === 'security') {
      const r = sensitivityLabelsRoute(req, segs, op);
      if (r) return r;
    }
    if (s0 === 'users') {
      if (n === 1 && m === 'GET') return op('/users'), listUsers(c);
      if (n === 2 && segs[1] === '$count' && m === 'GET') return op('/users/$count'), countUsers(c);
      if (n === 2 && m === 'GET') return op('/users/{id}'), getUser(c, segs[1]!);
    } else if (s0 === 'groups') {
      if (n === 1 && m === 'GET') return op('/groups'), listGroups(c);
      if (n === 1 && m === 'POST') return op('/groups'), this.createGroup(c);
      if (n === 2 && segs[1] === '$count' && m === 'GET') return op('/groups/$count'), countGroups(c);
      if (n >= 2) {
        const gid = segs[1]!;
        const s2 = segs[2]?.toLowerCase();
        if (n === 2 && m === 'GET') return op('/groups/{id}'), getGroup(c, gid);
        if (n === 2 && m === 'PATCH') return op('/groups/{id}'), this.patchGroup(c, gid);
        if (n === 2 && m === 'DELETE') return op('/groups/{id}'), deleteGroup(this.store, gid);
        if (n === 3 && (s2 === 'owners' || s2 === 'members') && m === 'GET') return op(`/groups/{id}/${s2}`), listRefs(c, gid, s2);
        if (n === 4 && (s2 === 'owners' || s2 === 'members') && segs[3] === '$ref' && m === 'POST') return op(`/groups/{id}/${s2}/$ref`), this.addRef(c, gid, s2);
        if (n === 5 && (s2 === 'owners' || s2 === 'members') && segs[4] === '$ref' && m === 'DELETE') return op(`/groups/{id}/${s2}/{id}/$ref`), this.removeRef(c, gid, s2, segs[3]!);
        if (s2 === 'sites' && segs[3]?.toLowerCase() === 'root') {
          op('/groups/{id}/sites/root' + (n > 4 ? '/...' : ''));
          const g = this.mustGroup(gid);
          const site = g.siteId ? this.store.getSite(g.siteId) : undefined;
          if (!site) throw new GraphError(404, 'itemNotFound', 'Requested site could not be found');
          c.site = site;
          return this.siteRoutes(c, segs.slice(4), (name) => op(`/groups/{id}/sites/root${name.replace(/^\/sites\/\{id\}/, '')}`));
        }
      }
    } else if (s0 === 'sites') {
      if (n === 1 && m === 'GET') {
        op('/sites');
        return this.searchSites(c);
      }
      if (n >= 2) {
        if (!c.site) c.site = this.resolveSite(segs[1]!);
        return this.siteRoutes(c, segs.slice(2), op);
      }
    } else if (s0 === '$batch' && n === 1 && m === 'POST') {
      op('/$batch');
      return this.batch(c);
    }
    op('(unknown)');
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${segs[0] ?? ''}'.`);
  }

  private teamJsonOf(id: string): Record<string, unknown> | undefined {
    const t = this.store.getTeam(id);
    return t ? this.teams.teamJson(t) : undefined;
  }

  private siteRoutes(c: Ctx, rest: string[], op: (n: string) => void): Res {
    const m = c.req.method;
    const site = c.site!;
    const meta = metadataRoutes({ req: c.req, store: this.store, site }, rest, op); // content types, term store
    if (meta) return meta;
    const r0 = rest[0]?.toLowerCase();
    const n = rest.length;
    if (n === 0 && m === 'GET') return op('/sites/{id}'), this.getSite(c, site);
    if (r0 === 'lists') {
      if (n === 1 && m === 'GET') return op('/sites/{id}/lists'), this.listLists(c, site);
      if (n === 1 && m === 'POST') return op('/sites/{id}/lists'), this.createList(c, site);
      if (n >= 2) {
        const list = this.resolveList(site, rest[1]!);
        const r2 = rest[2]?.toLowerCase();
        if (n === 2 && m === 'GET') return op('/sites/{id}/lists/{id}'), this.getList(c, site, list);
        if (n === 2 && m === 'PATCH') return op('/sites/{id}/lists/{id}'), this.patchList(c, site, list);
        if (r2 === 'items') {
          if (n === 3 && m === 'GET') return op('/sites/{id}/lists/{id}/items'), this.listItems(c, site, list);
          if (n === 3 && m === 'POST') return op('/sites/{id}/lists/{id}/items'), this.createItem(c, site, list);
          if (n >= 4) {
            const item = this.resolveItem(list, rest[3]!);
            if (n === 4 && m === 'GET') return op('/sites/{id}/lists/{id}/items/{id}'), this.itemOut(c, site, list, item);
            if (n === 4 && m === 'DELETE') return op('/sites/{id}/lists/{id}/items/{id}'), (this.ifMatch(c, item), this.store.deleteItem(item), emptyRes(204));
            if (n === 5 && rest[4]?.toLowerCase() === 'fields' && m === 'PATCH') return op('/sites/{id}/lists/{id}/items/{id}/fields'), this.patchItemFields(c, item);
          }
        }
        if (r2 === 'columns') {
          if (n === 3 && m === 'GET') return op('/sites/{id}/lists/{id}/columns'), this.listColumns(c, site, list);
          if (n === 3 && m === 'POST') return op('/sites/{id}/lists/{id}/columns'), this.createColumn(c, site, list);
          if (n === 4) {
            const col = this.resolveColumn(list.id, rest[3]!);
            if (m === 'GET') return op('/sites/{id}/lists/{id}/columns/{id}'), this.columnOut(c, site, list, col);
            if (m === 'PATCH') return op('/sites/{id}/lists/{id}/columns/{id}'), this.patchColumn(c, site, list, col);
            if (m === 'DELETE') return op('/sites/{id}/lists/{id}/columns/{id}'), this.deleteColumn(col);
          }
        }
      }
    } else if (r0 === 'columns') {
      if (n === 1 && m === 'GET') return op('/sites/{id}/columns'), this.listColumns(c, site, null);
      if (n === 1 && m === 'POST') return op('/sites/{id}/columns'), this.createColumn(c, site, null);
      if (n === 2) {
        const col = this.resolveColumn(site.id, rest[1]!);
        if (m === 'GET') return op('/sites/{id}/columns/{id}'), this.columnOut(c, site, null, col);
        if (m === 'PATCH') return op('/sites/{id}/columns/{id}'), this.patchColumn(c, site, null, col);
        if (m === 'DELETE') return op('/sites/{id}/columns/{id}'), this.deleteColumn(col);
      }
    }
    op('/sites/{id}/(unknown)');
    throw new GraphError(400, 'invalidRequest', `Resource not found for the segment '${rest[0] ?? ''}'.`);
  }

  // ------------------------------------------------------------------ helpers

  private q(c: Ctx, name: string): string | null {
    return queryOption(c.req, name);
  }

  private select(c: Ctx): string[] | null {
    return selectOf(c.req);
  }

  private shape(full: Record<string, unknown>, extra: () => Record<string, unknown>, select: string[] | null, keepId: boolean): Record<string, unknown> {
    return shapeOf(full, extra, select, keepId);
  }

  private contextUrl(base: string, select: string[] | null, entity: boolean): string {
    return contextUrlOf(base, select, entity);
  }

  private body(c: Ctx): Record<string, unknown> {
    const b = parseJsonBody(c.req);
    if (!isObj(b)) throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
    return b;
  }

  /** Page an array; returns value + nextLink. */
  private page<T>(c: Ctx, items: T[], defaultTop: number, maxTop: number): { items: T[]; nextLink?: string } {
    return pageOf(c.req, items, defaultTop, maxTop);
  }

  private filterItems<T>(c: Ctx, items: Iterable<T>, project: (t: T) => unknown): T[] {
    const f = this.q(c, 'filter');
    if (!f) return [...items];
    const pred = compileFilter(f);
    const out: T[] = [];
    for (const it of items) if (pred(project(it))) out.push(it);
    return out;
  }

  private collection(c: Ctx, ctxName: string, items: Record<string, unknown>[], nextLink: string | undefined, count?: number): Res {
    return collectionRes(c.req, ctxName, items, nextLink, count);
  }

  // ------------------------------------------------------------------ list items

  private resolveItem(list: ListRec, id: string): ItemRec {
    const item = /^\d+$/.test(id) ? this.store.getItem(list.id, Number(id)) : undefined;
    if (!item) throw new GraphError(404, 'itemNotFound', 'The specified list item was not found');
    return item;
  }

  private listItems(c: Ctx, site: SiteRec, list: ListRec): Res {
    const withFields = this.expands(c, 'fields');
    const { items, nextLink } = this.page(c, this.store.itemsOf(list.id), 200, 5000);
    return this.collection(c, `sites('${graphSiteId(this.store, site)}')/lists('${list.id}')/items`, items.map((i) => listItemJson(this.store, site, list, i, withFields)), nextLink);
  }

  private itemOut(c: Ctx, site: SiteRec, list: ListRec, item: ItemRec): Res {
    return jsonRes(200, {
      '@odata.context': this.contextUrl(`sites('${graphSiteId(this.store, site)}')/lists('${list.id}')/items`, null, true),
      ...listItemJson(this.store, site, list, item, this.expands(c, 'fields')),
    });
  }

  private createItem(c: Ctx, site: SiteRec, list: ListRec): Res {
    const fields = itemFieldsInput(this.body(c).fields);
    if (!fields) throw new GraphError(400, 'invalidRequest', 'Invalid request: fields must be an object.');
    const item = this.store.createItem(list, fields);
    return jsonRes(201, {
      '@odata.context': this.contextUrl(`sites('${graphSiteId(this.store, site)}')/lists('${list.id}')/items`, null, true),
      ...listItemJson(this.store, site, list, item, true),
    });
  }

  private ifMatch(c: Ctx, item: ItemRec): void {
    const h = c.req.headers['if-match'];
    if (!eTagMatches(Array.isArray(h) ? h[0] : h, item)) throw new GraphError(412, 'preconditionFailed', 'The eTag provided does not match the current eTag of the item.');
  }

  private patchItemFields(c: Ctx, item: ItemRec): Res {
    this.ifMatch(c, item);
    const fields = itemFieldsInput(this.body(c));
    if (!fields) throw new GraphError(400, 'invalidRequest', 'Invalid request: fields must be an object.');
    return jsonRes(200, fieldsJson(this.store.updateItem(item, fields)));
  }

  // ------------------------------------------------------------------ users

  private findUser(idOrUpn: string): UserRec | undefined {
    return this.store.getUser(idOrUpn);
  }

  // ------------------------------------------------------------------ groups

  private mustGroup(id: string): GroupRec {
    const g = this.store.getGroup(id);
    if (!g || !this.directoryLag.byId(g.id)) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    return g;
  }

  /** Resolve `https://graph.microsoft.com/v1.0/users/{id|upn}` (or directoryObjects/{id}) to a user. */
  private bindUser(ref: unknown, forCreate: boolean): UserRec {
    if (typeof ref !== 'string') throw new GraphError(400, 'Request_BadRequest', 'Invalid URL format specified in @odata.bind for owners or members.');
    const m = /\/(users|directoryObjects)\/([^/?]+)\/?$/i.exec(ref) ?? /^([^/]+)$/.exec(ref);
    const key = m ? safeDecode(m[m.length - 1]!) : null;
    if (!key) throw new GraphError(400, 'Request_BadRequest', `Invalid URL format specified in @odata.bind: '${ref}'.`);
    const u = this.findUser(key.replace(/^'|'$/g, ''));
    if (!u) {
      if (forCreate) throw new GraphError(400, 'Request_BadRequest', `Invalid object identifier '${key}'.`);
      throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
    }
    return u;
  }

  private bindList(b: Record<string, unknown>, key: string): string[] | undefined {
    const v = b[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw new GraphError(400, 'Request_BadRequest', `Invalid value for '${key}': an array of URLs is expected.`);
    if (v.length > 20) throw new GraphError(400, 'Request_BadRequest', `The number of references in '${key}' exceeds the limit of 20.`);
    return v.map((r) => this.bindUser(r, true).id);
  }

  private createGroup(c: Ctx): Res {
    const b = this.body(c);
    const missing = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'].filter((k) => b[k] === undefined || b[k] === null);
    if (missing.length) throw new GraphError(400, 'Request_BadRequest', `Invalid value specified for property '${missing[0]}' of resource 'Group'.`);
    if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'displayName' of resource 'Group'.");
    if (typeof b.mailNickname !== 'string' || !/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]{1,64}$/.test(b.mailNickname))
      throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'mailNickname' of resource 'Group'.");
    if (typeof b.mailEnabled !== 'boolean' || typeof b.securityEnabled !== 'boolean') throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'mailEnabled' of resource 'Group'.");
    const groupTypes = b.groupTypes === undefined || b.groupTypes === null ? [] : b.groupTypes;
    if (!Array.isArray(groupTypes) || groupTypes.some((t) => typeof t !== 'string')) throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'groupTypes' of resource 'Group'.");
    const unified = (groupTypes as string[]).some((t) => t.toLowerCase() === 'unified');
    if (!unified && b.mailEnabled === true && b.securityEnabled === false)
      throw new GraphError(400, 'Request_BadRequest', 'The service does not currently support writes of mail-enabled groups. Please ensure that the mail-enablement property is unset or is set to false.');
    // the directory refuses an empty string for a string property ("" is not "no description": send none or null)
    if (b.description !== undefined && b.description !== null && (typeof b.description !== 'string' || b.description === ''))
      throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'description' of resource 'Group'.");
    let visibility: string | null = null;
    if (b.visibility !== undefined && b.visibility !== null) {
      if (typeof b.visibility !== 'string' || !['public', 'private', 'hiddenmembership'].includes(b.visibility.toLowerCase()))
        throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'visibility' of resource 'Group'.");
      visibility = canonicalVisibility(b.visibility);
    }
    if (this.store.nicknameTaken(b.mailNickname)) throw new GraphError(400, 'Request_BadRequest', 'Another object with the same value for property mailNickname already exists.');
    const owners = this.bindList(b, 'owners@odata.bind') ?? [];
    const members = this.bindList(b, 'members@odata.bind') ?? [];
    const g = this.store.createGroup({
      displayName: b.displayName,
      description: typeof b.description === 'string' ? b.description : null,
      mailNickname: b.mailNickname,
      mailEnabled: b.mailEnabled,
      securityEnabled: b.securityEnabled,
      groupTypes: groupTypes as string[],
      visibility,
      owners,
      members,
    });
    return jsonRes(
      201,
      {
        '@odata.context': `${ctxBase}groups/$entity`,
        '@odata.id': `https://graph.microsoft.com/v2/${this.tenantId}/directoryObjects/${g.id}/Microsoft.DirectoryServices.Group`,
        ...groupJson(g, this.store),
      },
      { location: `https://graph.microsoft.com/v2/${this.tenantId}/directoryObjects/${g.id}/Microsoft.DirectoryServices.Group` },
    );
  }

  private patchGroup(c: Ctx, id: string): Res {
    const g = this.mustGroup(id);
    const b = this.body(c);
    const patch: Parameters<Store['updateGroup']>[1] = {};
    if (b.displayName !== undefined) {
      if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'displayName' of resource 'Group'.");
      patch.displayName = b.displayName;
    }
    if (b.description !== undefined) {
      if (b.description !== null && typeof b.description !== 'string') throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'description' of resource 'Group'.");
      patch.description = b.description === '' ? null : (b.description as string | null);
    }
    if (b.visibility !== undefined) {
      if (typeof b.visibility !== 'string' || !['public', 'private', 'hiddenmembership'].includes(b.visibility.toLowerCase()))
        throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'visibility' of resource 'Group'.");
      patch.visibility = canonicalVisibility(b.visibility);
    }
    if (b.mailNickname !== undefined && b.mailNickname !== g.mailNickname) {
      if (typeof b.mailNickname !== 'string' || !b.mailNickname) throw new GraphError(400, 'Request_BadRequest', "Invalid value specified for property 'mailNickname' of resource 'Group'.");
      const other = this.store.getGroupByNickname(b.mailNickname);
      if ((other && other.id !== g.id) || (!other && this.store.nicknameTaken(b.mailNickname))) throw new GraphError(400, 'Request_BadRequest', 'Another object with the same value for property mailNickname already exists.');
      patch.mailNickname = b.mailNickname;
    }
    const addOwners = this.bindList(b, 'owners@odata.bind');
    const addMembers = this.bindList(b, 'members@odata.bind');
    if ((addOwners || addMembers) && !this.directoryLag.refsAccepted(g.id)) throw new GraphError(400, 'Request_BadRequest', REFERENCES_NOT_REPLICATED);
    if (addOwners) {
      if (addOwners.some((u) => g.owners.includes(u))) throw alreadyExists('owners');
      patch.owners = [...g.owners, ...addOwners];
    }
    if (addMembers) {
      if (addMembers.some((u) => g.members.includes(u))) throw alreadyExists('members');
      patch.members = [...g.members, ...addMembers];
    }
    this.store.updateGroup(g, patch);
    return emptyRes(204);
  }

  private addRef(c: Ctx, id: string, kind: 'owners' | 'members'): Res {
    const g = this.mustGroup(id);
    const b = this.body(c);
    const u = this.bindUser(b['@odata.id'], false);
    if (!this.directoryLag.refsAccepted(g.id)) throw new GraphError(400, 'Request_BadRequest', REFERENCES_NOT_REPLICATED);
    if (g[kind].includes(u.id)) throw alreadyExists(kind);
    this.store.updateGroup(g, { [kind]: [...g[kind], u.id] });
    return emptyRes(204);
  }

  private removeRef(c: Ctx, id: string, kind: 'owners' | 'members', uid: string): Res {
    const g = this.mustGroup(id);
    const u = this.findUser(uid);
    if (!u || !g[kind].includes(u.id)) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${uid}' does not exist or one of its queried reference-property objects are not present.`);
    if (kind === 'owners' && g.owners.length === 1 && g.groupTypes.some((t) => t.toLowerCase() === 'unified')) {
      throw new GraphError(400, 'Request_BadRequest', 'The group must have at least one owner, hence this owner cannot be removed.');
    }
    this.store.updateGroup(g, { [kind]: g[kind].filter((x) => x !== u.id) });
    return emptyRes(204);
  }

  // ------------------------------------------------------------------ sites

  private resolveSite(key: string): SiteRec {
    const k = key.toLowerCase();
    const notFound = () => new GraphError(404, 'itemNotFound', 'Requested site could not be found');
    if (k === 'root' || k === this.store.spHost) {
      const s = this.store.getSiteByUrl('/');
      if (!s) throw notFound();
      return s;
    }
    const parts = k.split(',');
    if (parts.length >= 2) {
      if (parts[0] !== this.store.spHost) throw notFound();
      const s = isGuid(parts[1]!) ? this.store.getSite(normGuid(parts[1]!)) : undefined;
      if (!s) throw notFound();
      if (parts[2] && normGuid(parts[2]) !== s.webId) throw notFound();
      return s;
    }
    if (isGuid(k)) {
      const s = this.store.getSite(normGuid(k));
      if (s) return s;
    }
    throw new GraphError(400, 'invalidRequest', 'Invalid hostname for this tenancy');
  }

  private siteOut(c: Ctx, s: SiteRec, sel: string[] | null): Record<string, unknown> {
    return this.shape(siteJson(this.store, s), () => siteExtra(this.store, s, this.tenantId), sel, false);
  }

  private getSite(c: Ctx, s: SiteRec): Res {
    const sel = this.select(c);
    return jsonRes(200, { '@odata.context': this.contextUrl('sites', sel, true), ...this.siteOut(c, s, sel) });
  }

  private searchSites(c: Ctx): Res {
    const search = (this.q(c, 'search') ?? '').replace(/^"|"$/g, '').toLowerCase();
    const sel = this.select(c);
    const all = [...this.store.sites.values()].filter((s) => this.store.isVisible(s) && (search === '' || search === '*' || s.title.toLowerCase().includes(search) || s.url.toLowerCase().includes(search)));
    const { items, nextLink } = this.page(c, all, 100, 999);
    return this.collection(c, 'sites', items.map((s) => this.siteOut(c, s, sel)), nextLink);
  }

  // ------------------------------------------------------------------ lists

  private resolveList(site: SiteRec, key: string): ListRec {
    let l: ListRec | undefined;
    if (isGuid(key)) {
      l = this.store.getList(normGuid(key));
      if (l && l.siteId !== site.id) l = undefined;
    }
    l ??= this.store.getListByTitle(site.id, key) ?? this.store.listsOf(site.id).find((x) => listName(x).toLowerCase() === key.toLowerCase());
    if (!l) throw new GraphError(404, 'itemNotFound', 'The specified list was not found');
    return l;
  }

  private listOut(c: Ctx, site: SiteRec, l: ListRec, sel: string[] | null, expandColumns: boolean): Record<string, unknown> {
    const o = this.shape(listJson(this.store, site, l), () => listExtra(this.store, site, l, this.tenantId), sel, false);
    if (expandColumns) o.columns = this.columnsOf(l.id);
    return o;
  }

  private expands(c: Ctx, what: string): boolean {
    const e = this.q(c, 'expand');
    if (!e) return false;
    return e.split(',').some((x) => x.trim().toLowerCase().startsWith(what));
  }

  private listLists(c: Ctx, site: SiteRec): Res {
    const sel = this.select(c);
    const exp = this.expands(c, 'columns');
    const lists = this.filterItems(c, this.store.listsOf(site.id), (l) => listJson(this.store, site, l));
    const { items, nextLink } = this.page(c, lists, 200, 5000);
    return this.collection(c, `sites('${graphSiteId(this.store, site)}')/lists`, items.map((l) => this.listOut(c, site, l, sel, exp)), nextLink);
  }

  private getList(c: Ctx, site: SiteRec, l: ListRec): Res {
    const sel = this.select(c);
    return jsonRes(200, {
      '@odata.context': this.contextUrl(`sites('${graphSiteId(this.store, site)}')/lists`, sel, true),
      ...this.listOut(c, site, l, sel, this.expands(c, 'columns')),
    });
  }

  private createList(c: Ctx, site: SiteRec): Res {
    const b = this.body(c);
    if (b.name !== undefined && b.displayName === undefined)
      throw new GraphError(400, 'invalidRequest', "Cannot define a 'name' for a list as it is assigned by the server. Instead, provide 'displayName'");
    if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw new GraphError(400, 'invalidRequest', 'One of the provided arguments is not acceptable.');
    let baseTemplate = 100;
    let hidden = false;
    let ctEnabled = false;
    if (b.list !== undefined && b.list !== null) {
      if (!isObj(b.list)) throw new GraphError(400, 'invalidRequest', 'One of the provided arguments is not acceptable.');
      if (b.list.template !== undefined) {
        const t = typeof b.list.template === 'string' ? templateNumber(b.list.template) : undefined;
        if (t === undefined) throw new GraphError(400, 'invalidRequest', 'One of the provided arguments is not acceptable.');
        baseTemplate = t;
      }
      if (typeof b.list.hidden === 'boolean') hidden = b.list.hidden;
      if (typeof b.list.contentTypesEnabled === 'boolean') ctEnabled = b.list.contentTypesEnabled;
    }
    if (this.store.getListByTitle(site.id, b.displayName)) throw new GraphError(409, 'nameAlreadyExists', 'The specified list name already exists.');
    const cols = b.columns === undefined || b.columns === null ? [] : b.columns;
    if (!Array.isArray(cols) || cols.some((x) => !isObj(x) || typeof x.name !== 'string' || !x.name)) throw new GraphError(400, 'invalidRequest', 'One of the provided arguments is not acceptable.');
    // validate columns before creating anything
    const patches = (cols as Record<string, unknown>[]).map((col) => ({ name: col.name as string, p: columnPatch(col, null) }));
    const list = this.store.createList(site, {
      title: b.displayName,
      description: typeof b.description === 'string' ? b.description : '',
      baseTemplate,
      hidden,
      contentTypesEnabled: ctEnabled,
    });
    for (const { name, p } of patches) {
      if (this.store.getFieldByName(list.id, name)) continue;
      this.store.addField(this.newField(site, list, name, p));
    }
    const fresh = this.store.getList(list.id)!;
    return jsonRes(201, { '@odata.context': `${ctxBase}sites('${graphSiteId(this.store, site)}')/lists/$entity`, ...listJson(this.store, site, fresh) }, {
      location: `${GRAPH_BASE}/sites/${graphSiteId(this.store, site)}/lists/${fresh.id}`,
    });
  }

  private patchList(c: Ctx, site: SiteRec, l: ListRec): Res {
    const b = this.body(c);
    const patch: Parameters<Store['updateList']>[1] = {};
    if (typeof b.displayName === 'string') {
      const other = this.store.getListByTitle(site.id, b.displayName);
      if (other && other.id !== l.id) throw new GraphError(409, 'nameAlreadyExists', 'The specified list name already exists.');
      patch.title = b.displayName;
    }
    if (typeof b.description === 'string') patch.description = b.description;
    if (isObj(b.list)) {
      if (typeof b.list.hidden === 'boolean') patch.hidden = b.list.hidden;
      if (typeof b.list.contentTypesEnabled === 'boolean') patch.contentTypesEnabled = b.list.contentTypesEnabled;
    }
    const next = this.store.updateList(l, patch);
    return jsonRes(200, { '@odata.context': `${ctxBase}sites('${graphSiteId(this.store, site)}')/lists/$entity`, ...listJson(this.store, site, next) });
  }

  // ------------------------------------------------------------------ columns

  private columnsOf(scope: string): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const f of this.store.fieldsOf(scope)) {
      const j = columnJson(f);
      if (j) out.push(j);
    }
    return out;
  }

  private resolveColumn(scope: string, key: string): FieldRec {
    const f = (isGuid(key) ? this.store.getField(scope, key) : undefined) ?? this.store.getFieldByName(scope, key);
    if (!f || !columnJson(f)) throw new GraphError(404, 'itemNotFound', 'The specified column was not found');
    return f;
  }

  private colCtx(site: SiteRec, list: ListRec | null): string {
    const s = `sites('${graphSiteId(this.store, site)}')`;
    return list ? `${s}/lists('${list.id}')/columns` : `${s}/columns`;
  }

  private listColumns(c: Ctx, site: SiteRec, list: ListRec | null): Res {
    const sel = this.select(c);
    const all: Record<string, unknown>[] = [];
    for (const f of this.store.fieldsOf(list ? list.id : site.id)) {
      const j = columnJson(f);
      if (j) all.push(j);
    }
    const f = this.q(c, 'filter');
    const filtered = f ? all.filter(compileFilter(f)) : all;
    const { items, nextLink } = this.page(c, filtered, 1000, 5000);
    return this.collection(c, this.colCtx(site, list), items.map((j) => this.shape(j, () => ({}), sel, false)), nextLink);
  }

  private columnOut(c: Ctx, site: SiteRec, list: ListRec | null, col: FieldRec): Res {
    const sel = this.select(c);
    return jsonRes(200, { '@odata.context': this.contextUrl(this.colCtx(site, list), sel, true), ...this.shape(columnJson(col)!, () => ({}), sel, false) });
  }

  private newField(site: SiteRec, list: ListRec | null, name: string, p: Partial<FieldRec>): FieldRec {
    const f = this.store.newField(site.id, list ? list.id : null, randomUUID(), name, { staticName: name, title: name, ...p });
    if (f.type === 'Text' && f.maxLength === undefined) f.maxLength = 255;
    if ((f.type === 'Choice' || f.type === 'MultiChoice') && !f.choices) f.choices = [];
    return f;
  }

  private createColumn(c: Ctx, site: SiteRec, list: ListRec | null): Res {
    const b = this.body(c);
    if (typeof b.name !== 'string' || !b.name.trim()) throw new GraphError(400, 'invalidRequest', "The column 'name' must be specified.");
    if (/[\s"#%&*:<>?\\/{|}~]/.test(b.name)) throw new GraphError(400, 'invalidRequest', `The column name '${b.name}' contains characters that are not allowed.`);
    const scope = list ? list.id : site.id;
    if (this.store.getFieldByName(scope, b.name)) throw new GraphError(409, 'nameAlreadyExists', `A column with the name '${b.name}' already exists.`);
    const p = columnPatch(b, null);
    const f = this.store.addField(this.newField(site, list, b.name, p));
    return jsonRes(201, { '@odata.context': `${ctxBase}${this.colCtx(site, list)}/$entity`, ...columnJson(f)! });
  }

  private patchColumn(c: Ctx, site: SiteRec, list: ListRec | null, col: FieldRec): Res {
    const b = this.body(c);
    if (b.id !== undefined && b.id !== col.id) throw new GraphError(400, 'invalidRequest', "The property 'id' cannot be updated.");
    if (b.name !== undefined && b.name !== col.internalName) throw new GraphError(400, 'invalidRequest', "The property 'name' cannot be updated.");
    const p = columnPatch(b, col);
    if (p.type && p.type !== col.type && !(isTextType(p.type) && isTextType(col.type)) && !(isChoiceType(p.type) && isChoiceType(col.type)))
      throw new GraphError(400, 'invalidRequest', 'The column type cannot be changed.');
    const next = this.store.updateField(col, p);
    return jsonRes(200, { '@odata.context': `${ctxBase}${this.colCtx(site, list)}/$entity`, ...columnJson(next)! });
  }

  private deleteColumn(col: FieldRec): Res {
    if (col.sealed) throw new GraphError(403, 'accessDenied', 'The column cannot be deleted.');
    this.store.deleteField(col);
    return emptyRes(204);
  }

  // ------------------------------------------------------------------ $batch (JSON)

  private batch(c: Ctx): Res {
    return graphBatch(this.body(c), c.req, (sub) => this.handle(sub), this.gate);
  }

}

function alreadyExists(kind: string): GraphError {
  return new GraphError(400, 'Request_BadRequest', `One or more added object references already exist for the following modified properties: '${kind}'.`);
}

function canonicalVisibility(v: string): string {
  const l = v.toLowerCase();
  return l === 'public' ? 'Public' : l === 'private' ? 'Private' : 'HiddenMembership';
}

function isTextType(t: string): boolean {
  return t === 'Text' || t === 'Note';
}
function isChoiceType(t: string): boolean {
  return t === 'Choice' || t === 'MultiChoice';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
