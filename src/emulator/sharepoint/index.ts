/**
 * The SharePoint REST face (`https://<tenant>.sharepoint.com/<site>/_api/...`): webs, sites, lists,
 * fields and SPSiteManager, in the three JSON metadata levels.
 */
import { groupSiteManagerRoutes } from './group-site-manager.ts';
import { randomUUID } from 'node:crypto';
import type { Auth } from '../auth.ts';
import { permissionsOf } from '../auth-claims.ts';
import { BadBody, emptyRes, header, isObj, parseJsonBody, type Req, type Res } from '../http.ts';
import { findEq, ODataError, parseFilter } from '../odata.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { FieldRec, ListRec, SiteRec } from '../types.ts';
import { apiBase, fieldEntity, fieldTypeFromKind, folderEntity, listEntity, siteEntity, webAbs, webEntity, type SpEntity } from './project.ts';
import { checkSharePoint } from '../permissions.ts';
import type { Gate } from '../policy.ts';
import { spBatch } from './batch.ts';
import { fieldFromXml, parseFieldXml, SchemaXmlError } from './schema-xml.ts';
import { ADD_FIELD_INTERNAL_NAME_HINT, deriveInternalName, uniqueInternalName } from './internal-name.ts';
import { SpError, type SpMode, type SpRouteCtx, type SpRoutes, type SpScope, type SpSeg } from './routes-api.ts';
import { entityRes, errorRes, isV4, modeOf, pageRes, valueRes, type RenderCtx } from './render.ts';
import { queryCollection } from './query-rules.ts';
import { siteByAbsUrl, siteManager, type SiteTiming } from './site-manager.ts';
import { contextInfo } from './context-info.ts';
import { listItemRoutes } from './list-items.ts';
import { securityRoutes } from './security.ts';
import { contentTypeRoutes } from './content-types.ts';
import { siteIaRoutes } from './site-ia.ts';
import { processQuery } from './csom.ts';
import { isDelegated, type AccessClaims } from '../graph/termstore-access.ts';

type Mode = SpMode;

export { SpError };

/** Route files of the slices (see routes-api.ts); a new one is one line here. */
const SP_ROUTES: SpRoutes[] = [contentTypeRoutes, securityRoutes, siteIaRoutes, listItemRoutes, groupSiteManagerRoutes];

const E = {
  fileNotFound: () => new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.'),
  badRequest: (msg: string) => new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', msg),
  argument: (msg: string) => new SpError(400, '-2147024809, System.ArgumentException', msg),
  spException: (msg: string, code = '-2130575342') => new SpError(500, `${code}, Microsoft.SharePoint.SPException`, msg),
};

type Node =
  | { k: 'root' }
  | { k: 'web' }
  | { k: 'site' }
  | { k: 'lists' }
  | { k: 'list'; list: ListRec }
  | { k: 'folder'; list: ListRec }
  | { k: 'fields'; list: ListRec | null }
  | { k: 'field'; list: ListRec | null; field: FieldRec }
  | { k: 'action'; name: string; list?: ListRec | null }
  | { k: 'ext'; routes: SpRoutes; state: unknown };

/** The properties of SP.ListCreationInformation (CSOM ListCreationInformation). */
const LIST_CREATION_INFO = new Set(['Title', 'Url', 'TemplateType', 'Description', 'QuickLaunchOption', 'TemplateFeatureId', 'DocumentTemplateType', 'CustomSchemaXml', 'DataSourceProperties']);

const LIST_TEMPLATES = new Set([100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 119, 171, 1100]);

interface Seg {
  name: string;
  arg: string | null;
}

export class SharePointFace {
  /** throttling of $batch parts (set by the local tenant; null = none) */
  gate: Gate | null = null;
  /** SPSiteManager/create: share of creations that answer SiteStatus 1 and the simulated delay until 2 */
  siteTiming: SiteTiming = { asyncRate: 0, delay: () => 0, chance: () => false };
  /** whether the local tenant's app is a term store administrator (app-only CSOM taxonomy writes need it) */
  appIsTermStoreAdmin = true;

  constructor(
    private readonly store: Store,
    private readonly auth: Auth,
    private readonly tenantId: string,
  ) {}

  handle(req: Req): Res {
    const mode = modeOf(header(req, 'accept'));
    const corr = randomUUID();
    let res: Res;
    try {
      res = this.route(req, mode);
    } catch (e) {
      let err: SpError;
      if (e instanceof SpError) err = e;
      else if (e instanceof ODataError) err = E.badRequest(`The query is not valid. ${e.message}`);
      else if (e instanceof BadBody) err = E.badRequest('Invalid JSON. A token was not recognized in the JSON content.');
      else if (e instanceof SchemaXmlError) err = E.argument(e.message);
      else err = new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', (e as Error).message);
      req.op ??= `SP ${req.method} (error)`;
      if (err.status === 401) {
        res = {
          status: 401,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'www-authenticate': `Bearer realm="${this.tenantId}",client_id="00000003-0000-0ff1-ce00-000000000000",trusted_issuers="00000001-0000-0000-c000-000000000000@*,D3776938-3DBA-481F-A652-4BEDFCAB7CD8@*,https://sts.windows.net/*/,https://login.microsoftonline.com/*/v2.0,00000003-0000-0ff1-ce00-000000000000@90140122-8516-11e1-8eff-49304924019b",authorization_uri="https://login.windows.net/common/oauth2/authorize"`,
          },
          body: JSON.stringify({ error_description: err.message }),
        };
      } else {
        res = errorRes(mode, err.status, err.code, err.message);
      }
    }
    res.headers['sprequestguid'] = corr;
    res.headers['request-id'] = corr;
    res.headers['x-ms-request-id'] = req.requestId;
    res.headers['x-sharepointhealthscore'] = '0';
    res.headers['microsoftsharepointteamservices'] = '16.0.0.25000';
    return res;
  }

  private route(req: Req, mode: Mode): Res {
    const path = req.rawPath;
    const lower = path.toLowerCase();
    let idx = lower.indexOf('/_api/');
    if (idx < 0 && lower.endsWith('/_api')) idx = lower.length - 5;
    if (idx < 0 && lower.endsWith('/_vti_bin/client.svc/processquery') && req.method === 'POST') {
      // CSOM (csom.ts): the term store, the property bag and regional settings
      const v = this.auth.verify(req, 'sharepoint');
      if (!v.ok) throw new SpError(401, '401', v.reason === 'unsupported-app-only' ? 'Unsupported app only token.' : 'Invalid JWT token.');
      req.claims = v.claims;
      const site = this.store.getSiteByUrl(safeDecode(path.slice(0, lower.indexOf('/_vti_bin/'))) || '/');
      if (!site) throw E.fileNotFound();
      return processQuery(this.store, req, site, { delegated: isDelegated(v.claims as AccessClaims), appIsTermStoreAdmin: this.appIsTermStoreAdmin, roles: permissionsOf(v.claims) });
    }
    if (idx < 0) {
      req.op = `SP ${req.method} (not _api)`;
      throw E.fileNotFound();
    }
    const v = this.auth.verify(req, 'sharepoint');
    if (!v.ok) {
      req.op = `SP ${req.method} (unauthenticated)`;
      const msg = {
        missing: 'Invalid JWT token. No token was provided in the Authorization header.',
        malformed: 'Invalid JWT token. The token is not in a valid format.',
        signature: 'Invalid issuer or signature.',
        expired: 'Invalid JWT token. The token is expired.',
        audience: `Invalid audience Uri '${v.ok ? '' : 'https://graph.microsoft.com'}'.`,
        'not-yet-valid': 'Invalid JWT token. The token is not valid yet.',
        // SharePoint accepts app-only tokens only from a certificate or assertion (appidacr 2)
        'unsupported-app-only': 'Unsupported app only token.',
      }[v.reason];
      throw new SpError(401, '401', msg);
    }
    req.claims = v.claims;
    const denied = checkSharePoint(effectiveMethod(req), path.slice(idx + 5).replace(/^\/+/, ''), permissionsOf(v.claims));
    if (denied) {
      req.op = `SP ${req.method} (forbidden)`;
      throw new SpError(403, denied.code, denied.message);
    }
    if (/^\/?\$batch$/i.test(path.slice(idx + 5))) {
      req.op = 'SP POST $batch';
      if (req.method !== 'POST') throw E.badRequest('The $batch endpoint accepts POST only.');
      return spBatch(req, (sub) => this.handle(sub), this.gate);
    }
    const webPath = safeDecode(path.slice(0, idx)) || '/';
    const api = safeDecode(path.slice(idx + 5).replace(/^\/+/, ''));
    const segs = splitSegments(api);
    const method = effectiveMethod(req);
    const opName = `SP ${method} ${segs.map((s) => s.name.toLowerCase() + (s.arg !== null ? '()' : '')).join('/')}`;
    req.op = opName;
    const first = segs[0]?.name.toLowerCase();
    const fwd = (header(req, 'x-forwarded-host') ?? '').toLowerCase().replace(/:\d+$/, '');
    if (fwd === this.store.spHost.replace(/\.sharepoint\.com$/, '-admin.sharepoint.com')) {
      const root = this.store.getSiteByUrl('/');
      if (!root) throw E.fileNotFound();
      const ctx = this.routeCtx(req, method, mode, root);
      // the admin host has its own form digest (clients post to it before CSOM / SPO.Tenant writes)
      if (segs.length === 1 && first === 'contextinfo' && segs[0]!.arg === null) {
        if (method !== 'POST') throw new SpError(405, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The HTTP method '${method}' cannot be used for this resource.`);
        return contextInfo(this.rc(req, mode, root), `https://${fwd}`, this.store.clock.now());
      }
      for (const r of SP_ROUTES) {
        const res = r.admin?.(segs.map((g) => this.extSeg(req, g)), ctx);
        if (res) return res;
      }
      throw this.noSegment(segs[0] ?? { name: '', arg: null });
    }
    // tenant-level endpoints addressed on the root site
    if (first === 'spsitemanager') {
      const root = this.store.getSiteByUrl('/');
      if (!root) throw E.fileNotFound();
      return siteManager(this.store, req, method, segs.map((g) => this.extSeg(req, g)), this.rc(req, mode, root), () => this.body(req), this.siteTiming);
    }
    const site = this.store.getSiteByUrl(webPath);
    if (!site) throw E.fileNotFound();
    const node = this.walk(req, site, segs, this.routeCtx(req, method, mode, site));
    return this.execute(req, method, mode, site, node);
  }

  // ------------------------------------------------------------------ url walking

  private arg(req: Req, raw: string | null): string | null {
    if (raw === null) return null;
    let s = raw.trim();
    const named = /^[A-Za-z]+\s*=\s*(.*)$/.exec(s); // decodedurl='...'
    if (named && !s.startsWith("'")) s = named[1]!.trim();
    if (s.startsWith('@')) s = req.query.get(s) ?? '';
    const g = /^guid'(.*)'$/i.exec(s);
    if (g) return g[1]!;
    const q = /^'(.*)'$/s.exec(s);
    if (q) return q[1]!.replace(/''/g, "'");
    return s;
  }

  /** What route files (routes-api.ts) get. */
  private routeCtx(req: Req, method: string, mode: Mode, site: SiteRec): SpRouteCtx {
    return {
      req,
      method,
      mode,
      store: this.store,
      site,
      body: () => this.body(req),
      entity: (e, set, status) => entityRes(this.rc(req, mode, site), e, set, status),
      collection: (items, set) => this.collection(req, mode, site, set, items),
      page: (items, set, feedId, next, type) => pageRes(this.rc(req, mode, site), set, items, feedId, next, type),
      value: (fn, type, v) => valueRes(this.rc(req, mode, site), fn, type, v),
    };
  }

  private extSeg(req: Req, seg: Seg): SpSeg {
    return { name: seg.name, arg: this.arg(req, seg.arg), raw: seg.arg };
  }

  /** Offers a segment the face does not know to the route files. */
  private enterExt(req: Req, node: Node, seg: Seg, ctx: SpRouteCtx | undefined): Node | undefined {
    if (!ctx) return undefined;
    let at: SpScope;
    if (node.k === 'root' || node.k === 'web' || node.k === 'site') at = { k: node.k };
    else if (node.k === 'list') at = { k: 'list', list: node.list };
    else return undefined;
    for (const routes of SP_ROUTES) {
      const state = routes.enter(at, this.extSeg(req, seg), ctx);
      if (state !== undefined) return { k: 'ext', routes, state };
    }
    return undefined;
  }

  private walk(req: Req, site: SiteRec, segs: Seg[], ctx?: SpRouteCtx): Node {
    let node: Node = { k: 'root' };
    for (const seg of segs) {
      const n = seg.name.toLowerCase();
      const a = this.arg(req, seg.arg);
      if (node.k === 'ext') {
        const state: unknown = node.routes.step(node.state, this.extSeg(req, seg), ctx!);
        if (state === undefined) throw this.noSegment(seg);
        node = { k: 'ext', routes: node.routes, state };
        continue;
      }
      const ext = this.enterExt(req, node, seg, ctx);
      if (ext) {
        node = ext;
        continue;
      }
      switch (node.k) {
        case 'root':
          if (n === 'web' && a === null) node = { k: 'web' };
          else if (n === 'site' && a === null) node = { k: 'site' };
          else if (n === 'lists') node = a === null ? { k: 'lists' } : { k: 'list', list: this.listById(site, a) };
          else if (n === 'contextinfo' || n === 'sp.site.exists') node = { k: 'action', name: n };
          else throw this.noSegment(seg);
          break;
        case 'site':
          if (n === 'rootweb') node = { k: 'web' };
          else throw this.noSegment(seg);
          break;
        case 'web':
          if (n === 'lists') node = a === null ? { k: 'lists' } : { k: 'list', list: this.listById(site, a) };
          else if (n === 'getlist' && a !== null) node = { k: 'list', list: this.listByPath(site, a) };
          else if (n === 'fields' || n === 'availablefields') node = a === null ? { k: 'fields', list: null } : { k: 'field', list: null, field: this.fieldById(site.id, a) };
          else throw this.noSegment(seg);
          break;
        case 'lists':
          if (n === 'getbytitle' && a !== null) node = { k: 'list', list: this.listByTitle(site, a) };
          else if (n === 'getbyid' && a !== null) node = { k: 'list', list: this.listById(site, a) };
          else if (n === 'ensuresiteassetslibrary' || n === 'ensuresitepageslibrary') node = { k: 'action', name: n };
          else if (n === 'add' && a === null) node = { k: 'action', name: 'lists.add' };
          else throw this.noSegment(seg);
          break;
        case 'list':
          if (n === 'fields') node = a === null ? { k: 'fields', list: node.list } : { k: 'field', list: node.list, field: this.fieldById(node.list.id, a) };
          else if (n === 'rootfolder') node = { k: 'folder', list: node.list };
          else throw this.noSegment(seg);
          break;
        case 'fields': {
          const scope: string = node.list ? node.list.id : site.id;
          if (n === 'getbyinternalnameortitle' && a !== null) node = { k: 'field', list: node.list, field: this.fieldByNameOrTitle(scope, a) };
          else if (n === 'getbytitle' && a !== null) node = { k: 'field', list: node.list, field: this.fieldByTitle(scope, a) };
          else if (n === 'getbyid' && a !== null) node = { k: 'field', list: node.list, field: this.fieldById(scope, a) };
          else if (n === 'createfieldasxml' || n === 'addfield' || n === 'add') node = { k: 'action', name: n, list: node.list };
          else throw this.noSegment(seg);
          break;
        }
        default:
          throw this.noSegment(seg);
      }
    }
    return node;
  }

  private noSegment(seg: Seg): SpError {
    return new SpError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${seg.name}.`);
  }

  private listById(site: SiteRec, id: string): ListRec {
    const l = isGuid(id) ? this.store.getList(normGuid(id)) : undefined;
    if (!l || l.siteId !== site.id) throw new SpError(404, '-1, System.ArgumentException', `List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.`);
    return l;
  }

  private listByTitle(site: SiteRec, title: string): ListRec {
    const l = this.store.getListByTitle(site.id, title);
    if (!l) throw new SpError(404, '-1, System.ArgumentException', `List '${title}' does not exist at site with URL '${webAbs(this.store, site)}'.`);
    return l;
  }

  private listByPath(site: SiteRec, path: string): ListRec {
    let p = path;
    if (/^https?:\/\//i.test(p)) p = new URL(p).pathname;
    p = safeDecode(p);
    const webPrefix = site.url === '/' ? '' : site.url.toLowerCase();
    const lp = p.toLowerCase();
    let rel: string | null = null;
    if (lp.startsWith(webPrefix + '/')) rel = p.slice(webPrefix.length + 1);
    const l = rel !== null ? this.store.getListByUrl(site.id, rel) : undefined;
    if (!l) throw E.fileNotFound();
    return l;
  }

  private fieldById(scope: string, id: string): FieldRec {
    const f = isGuid(id) ? this.store.getField(scope, id) : undefined;
    if (!f) throw E.argument(`Invalid field name. {${id}}  ${''}`.trim());
    return f;
  }

  private fieldByNameOrTitle(scope: string, name: string): FieldRec {
    const f = this.store.getFieldByName(scope, name) ?? this.store.getFieldByTitle(scope, name);
    if (!f) throw E.argument(`Column '${name}' does not exist. It may have been deleted by another user.`);
    return f;
  }

  private fieldByTitle(scope: string, title: string): FieldRec {
    const f = this.store.getFieldByTitle(scope, title);
    if (!f) throw E.argument(`Column '${title}' does not exist. It may have been deleted by another user.`);
    return f;
  }

  // ------------------------------------------------------------------ execution

  private execute(req: Req, method: string, mode: Mode, site: SiteRec, node: Node): Res {
    const isGet = method === 'GET';
    const isMerge = method === 'MERGE' || method === 'PATCH' || method === 'PUT';
    const isDelete = method === 'DELETE';
    const isPost = method === 'POST';
    switch (node.k) {
      case 'web':
        if (isGet) return entityRes(this.rc(req, mode, site), webEntity(this.store, site), 'SP.ApiData.Webs');
        if (isMerge) {
          const b = this.body(req);
          const patch: { title?: string; description?: string } = {};
          if (b.Title !== undefined) {
            if (typeof b.Title !== 'string' || !b.Title) throw E.argument('The title cannot be empty.');
            patch.title = b.Title;
          }
          if (b.Description !== undefined) patch.description = typeof b.Description === 'string' ? b.Description : '';
          this.store.updateSite(site, patch);
          if (patch.title !== undefined && site.groupId) {
            // the group keeps its name: a web title change does not rename the group (as in SharePoint Online)
          }
          return emptyRes(204);
        }
        break;
      case 'site':
        if (isGet) return entityRes(this.rc(req, mode, site), siteEntity(this.store, site), 'SP.ApiData.Sites');
        break;
      case 'lists':
        if (isGet) return this.collection(req, mode, site, 'SP.ApiData.Lists', this.store.listsOf(site.id).map((l) => listEntity(this.store, site, l)));
        if (isPost) return this.createList(req, mode, site);
        break;
      case 'list':
        if (isGet) return entityRes(this.rc(req, mode, site), listEntity(this.store, site, node.list), 'SP.ApiData.Lists');
        if (isMerge) return this.updateList(req, site, node.list);
        if (isDelete) {
          this.store.deleteList(node.list);
          return emptyRes(200);
        }
        if (isPost && header(req, 'x-http-method') === undefined) return entityRes(this.rc(req, mode, site), listEntity(this.store, site, node.list), 'SP.ApiData.Lists');
        break;
      case 'folder':
        if (isGet) return entityRes(this.rc(req, mode, site), folderEntity(this.store, site, node.list), 'SP.ApiData.Folders');
        break;
      case 'fields': {
        const scope = node.list ? node.list.id : site.id;
        if (isGet) {
          const filter = req.query.get('$filter');
          let fields: Iterable<FieldRec> = this.store.fieldsOf(scope);
          if (filter) {
            const ast = parseFilter(filter);
            const name = findEq(ast, 'InternalName') ?? findEq(ast, 'StaticName');
            const id = findEq(ast, 'Id');
            if (name !== null) {
              const f = this.store.getFieldByName(scope, name);
              fields = f ? [f] : [];
            } else if (id !== null) {
              const f = this.store.getField(scope, id);
              fields = f ? [f] : [];
            }
          }
          return this.collection(req, mode, site, 'SP.ApiData.Fields', [...fields].map((f) => fieldEntity(this.store, site, f)));
        }
        if (isPost) return this.addFieldFromProps(req, mode, site, node.list);
        break;
      }
      case 'field':
        if (isGet) return entityRes(this.rc(req, mode, site), fieldEntity(this.store, site, node.field), 'SP.ApiData.Fields');
        if (isMerge) return this.updateField(req, site, node.field);
        if (isDelete) {
          if (node.field.sealed) throw E.spException('You cannot delete a sealed column.', '-2146232832');
          this.store.deleteField(node.field);
          return emptyRes(200);
        }
        break;
      case 'action':
        if (node.name === 'contextinfo' && isPost) return contextInfo(this.rc(req, mode, site), webAbs(this.store, site), this.store.clock.now());
        if (node.name === 'createfieldasxml' && isPost) return this.createFieldAsXml(req, mode, site, node.list ?? null);
        if (node.name === 'lists.add' && isPost) return this.addList(req, mode, site);
        if ((node.name === 'add' || node.name === 'addfield') && isPost) return this.addFieldFromProps(req, mode, site, node.list ?? null);
        if (node.name === 'sp.site.exists' && isPost) {
          const b = this.body(req);
          const url = typeof b.url === 'string' ? b.url : '';
          const exists = siteByAbsUrl(this.store, url) !== undefined;
          return valueRes(this.rc(req, mode, site), 'Exists', 'Edm.Boolean', exists);
        }
        break;
      case 'root':
        break;
      case 'ext': {
        const res = node.routes.execute(node.state, this.routeCtx(req, method, mode, site));
        if (res) return res;
        break;
      }
    }
    throw new SpError(405, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The HTTP method '${method}' cannot be used for this resource.`);
  }

  private body(req: Req): Record<string, unknown> {
    const b = parseJsonBody(req);
    if (b === undefined) return {};
    if (!isObj(b)) throw E.badRequest('The request body must be a JSON object.');
    return b;
  }

  // ------------------------------------------------------------------ lists

  private createList(req: Req, mode: Mode, site: SiteRec): Res {
    const b = unwrapParams(this.body(req));
    const title = b.Title;
    if (typeof title !== 'string' || !title.trim()) throw E.argument('The list title cannot be empty.');
    const tpl = b.BaseTemplate === undefined ? 100 : Number(b.BaseTemplate);
    if (!LIST_TEMPLATES.has(tpl)) throw E.argument('Invalid list template.');
    if (this.store.getListByTitle(site.id, title))
      throw E.spException('A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.');
    const list = this.store.createList(site, {
      title,
      description: typeof b.Description === 'string' ? b.Description : '',
      baseTemplate: tpl,
      hidden: b.Hidden === true,
      contentTypesEnabled: b.ContentTypesEnabled === true,
      allowContentTypes: b.AllowContentTypes === undefined ? true : b.AllowContentTypes === true,
    });
    return entityRes(this.rc(req, mode, site), listEntity(this.store, site, list), 'SP.ApiData.Lists', 201);
  }

  /**
   * `POST _api/web/lists/add` with `{ parameters: SP.ListCreationInformation }` (the REST face
   * of CSOM `ListCollection.Add`): `Url` (site-relative) places the list where it is asked, in
   * one step with its `Title`. A taken title or a taken URL is refused; a URL is never
   * renumbered when it was given.
   */
  private addList(req: Req, mode: Mode, site: SiteRec): Res {
    const b = this.body(req);
    if (!isObj(b.parameters)) throw E.argument("The parameter 'parameters' cannot be null.");
    const p = b.parameters;
    for (const k of Object.keys(p)) {
      if (k !== '__metadata' && !LIST_CREATION_INFO.has(k)) throw E.badRequest(`The property '${k}' does not exist on type 'SP.ListCreationInformation'. Make sure to only use property names that are defined by the type.`);
    }
    const title = p.Title;
    if (typeof title !== 'string' || !title.trim()) throw E.argument('The list title cannot be empty.');
    const tpl = p.TemplateType === undefined ? 100 : Number(p.TemplateType);
    if (!LIST_TEMPLATES.has(tpl)) throw E.argument('Invalid list template.');
    let url: string | undefined;
    if (p.Url !== undefined && p.Url !== null && p.Url !== '') {
      if (typeof p.Url !== 'string') throw E.argument('Invalid URL.');
      url = p.Url.replace(/^\/+|\/+$/g, '');
      const segs = url.split('/');
      if (segs.length > 2 || (segs.length === 2 && segs[0]!.toLowerCase() !== 'lists') || segs.some((x) => !x.trim() || /["#%&*:<>?\\{|}~\t]/.test(x) || /^\.|\.$/.test(x)))
        throw E.argument(`The URL '${p.Url}' is invalid.  It may refer to a nonexistent file or folder, or refer to a valid file or folder that is not in the current Web.`);
    }
    if (this.store.getListByTitle(site.id, title))
      throw E.spException('A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.');
    if (url !== undefined && this.store.getListByUrl(site.id, url))
      throw E.spException('The specified name is already in use.  A document library or list cannot have the same name as another document library or list in this Web site.', '-2130246326');
    const list = this.store.createList(site, {
      title,
      description: typeof p.Description === 'string' ? p.Description : '',
      baseTemplate: tpl,
      ...(url !== undefined ? { url } : {}),
    });
    return entityRes(this.rc(req, mode, site), listEntity(this.store, site, list), 'SP.ApiData.Lists', 200);
  }

  private updateList(req: Req, site: SiteRec, list: ListRec): Res {
    const b = this.body(req);
    const patch: Parameters<Store['updateList']>[1] = {};
    if (b.Title !== undefined) {
      if (typeof b.Title !== 'string' || !b.Title.trim()) throw E.argument('The list title cannot be empty.');
      const other = this.store.getListByTitle(site.id, b.Title);
      if (other && other.id !== list.id)
        throw E.spException('A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.');
      patch.title = b.Title;
    }
    if (b.Description !== undefined) patch.description = typeof b.Description === 'string' ? b.Description : '';
    if (typeof b.Hidden === 'boolean') patch.hidden = b.Hidden;
    if (typeof b.ContentTypesEnabled === 'boolean') patch.contentTypesEnabled = b.ContentTypesEnabled;
    if (typeof b.AllowContentTypes === 'boolean') patch.allowContentTypes = b.AllowContentTypes;
    this.store.updateList(list, patch);
    return emptyRes(204);
  }

  // ------------------------------------------------------------------ fields

  private createFieldAsXml(req: Req, mode: Mode, site: SiteRec, list: ListRec | null): Res {
    const b = this.body(req);
    const params = isObj(b.parameters) ? b.parameters : b;
    const xml = params.SchemaXml;
    if (typeof xml !== 'string' || !xml.trim()) throw E.argument('The parameter SchemaXml cannot be empty.');
    const parsed = parseFieldXml(xml);
    // Without AddFieldInternalNameHint SharePoint ignores Name: the internal name comes from DisplayName
    const nameHint = (Number(params.Options ?? 0) & ADD_FIELD_INTERNAL_NAME_HINT) !== 0;
    const props = fieldFromXml(parsed, false, nameHint);
    const scope = list ? list.id : site.id;
    if (!nameHint) props.internalName = props.staticName = uniqueInternalName(props.internalName!, (n) => !!this.store.getFieldByName(scope, n));
    const idAttr = [...parsed.attrs].find(([k]) => k.toLowerCase() === 'id')?.[1];
    let id: string = randomUUID();
    if (idAttr !== undefined) {
      if (!isGuid(idAttr)) throw E.argument(`Invalid field id '${idAttr}'.`);
      id = normGuid(idAttr);
    }
    if (this.store.getFieldByName(scope, props.internalName!)) throw E.spException(`A duplicate field name "${props.internalName}" was found.`, '-2130575340');
    if (this.store.getField(scope, id)) throw E.spException(`A duplicate field name "{${id}}" was found.`, '-2130575340');
    const f = this.store.addField(this.newField(site, list, id, props));
    return entityRes(this.rc(req, mode, site), fieldEntity(this.store, site, f), 'SP.ApiData.Fields', 200);
  }

  private newField(site: SiteRec, list: ListRec | null, id: string, props: Partial<FieldRec>): FieldRec {
    return this.store.newField(site.id, list ? list.id : null, id, props.internalName!, props);
  }

  /** POST .../fields with an SP.Field body ({Title, FieldTypeKind, ...}) as fields.add() sends it. */
  private addFieldFromProps(req: Req, mode: Mode, site: SiteRec, list: ListRec | null): Res {
    let b = this.body(req);
    if (isObj(b.parameters)) b = b.parameters;
    const title = b.Title;
    if (typeof title !== 'string' || !title) throw E.argument('The field title cannot be empty.');
    const kind = Number(b.FieldTypeKind);
    const type = fieldTypeFromKind(kind) ?? (typeof b.TypeAsString === 'string' ? b.TypeAsString : undefined);
    if (!type) throw E.argument('Invalid field type.');
    const scope = list ? list.id : site.id;
    // fields.add / addfield take only a title: SharePoint names the field itself, made unique
    const internal = uniqueInternalName(deriveInternalName(title), (n) => !!this.store.getFieldByName(scope, n));
    const props: Partial<FieldRec> = { internalName: internal, staticName: internal, title, type, ...this.fieldPatchFromProps(b) };
    if (type === 'Text' && props.maxLength === undefined) props.maxLength = 255;
    if ((type === 'Choice' || type === 'MultiChoice') && !props.choices) props.choices = [];
    if (type === 'DateTime' && !props.format) props.format = 'DateTime';
    const f = this.store.addField(this.newField(site, list, randomUUID(), props));
    return entityRes(this.rc(req, mode, site), fieldEntity(this.store, site, f), 'SP.ApiData.Fields', 201);
  }

  private fieldPatchFromProps(b: Record<string, unknown>): Partial<FieldRec> {
    const p: Partial<FieldRec> = {};
    const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : b[k] === null ? '' : undefined);
    const bool = (k: string) => (typeof b[k] === 'boolean' ? (b[k] as boolean) : undefined);
    const num = (k: string) => (typeof b[k] === 'number' ? (b[k] as number) : typeof b[k] === 'string' && b[k] !== '' && !isNaN(Number(b[k])) ? Number(b[k]) : undefined);
    const set = <K extends keyof FieldRec>(k: K, v: FieldRec[K] | undefined) => {
      if (v !== undefined) p[k] = v;
    };
    if (b.Title !== undefined) set('title', str('Title'));
    set('description', str('Description'));
    set('group', str('Group'));
    set('required', bool('Required'));
    set('hidden', bool('Hidden'));
    set('readOnly', bool('ReadOnlyField'));
    set('indexed', bool('Indexed'));
    set('enforceUnique', bool('EnforceUniqueValues'));
    if (b.DefaultValue !== undefined) p.defaultValue = b.DefaultValue === null || b.DefaultValue === '' ? null : String(b.DefaultValue);
    if (b.Choices !== undefined) {
      const c = isObj(b.Choices) && Array.isArray(b.Choices.results) ? b.Choices.results : b.Choices;
      if (!Array.isArray(c) || c.some((x) => typeof x !== 'string')) throw E.argument('Invalid value for Choices.');
      p.choices = [...(c as string[])];
    }
    set('fillInChoice', bool('FillInChoice'));
    if (b.EditFormat !== undefined) p.choiceFormat = Number(b.EditFormat) === 1 ? 'RadioButtons' : 'Dropdown';
    set('maxLength', num('MaxLength'));
    set('numLines', num('NumberOfLines'));
    set('richText', bool('RichText'));
    set('appendOnly', bool('AppendOnly'));
    set('min', num('MinimumValue'));
    set('max', num('MaximumValue'));
    set('percentage', bool('ShowAsPercentage'));
    set('mult', bool('AllowMultipleValues'));
    if (b.SelectionMode !== undefined) p.userSelectionMode = Number(b.SelectionMode) === 1 ? 'PeopleAndGroups' : 'PeopleOnly';
    return p;
  }

  private updateField(req: Req, site: SiteRec, f: FieldRec): Res {
    const b = this.body(req);
    let patch = this.fieldPatchFromProps(b);
    if (typeof b.DisplayFormat === 'number' || typeof b.DisplayFormat === 'string') {
      if (f.type === 'DateTime') patch.format = Number(b.DisplayFormat) === 0 ? 'DateOnly' : 'DateTime';
      if (f.type === 'Number') patch.decimals = Number(b.DisplayFormat);
    }
    if (typeof b.SchemaXml === 'string') {
      const parsed = fieldFromXml(parseFieldXml(b.SchemaXml), true);
      delete parsed.type;
      patch = { ...parsed, ...patch };
    }
    if (patch.title !== undefined && !patch.title) throw E.argument('The title cannot be empty.');
    this.store.updateField(f, patch);
    return emptyRes(204);
  }

  // ------------------------------------------------------------------ formatting

  private rc(req: Req, mode: Mode, site: SiteRec): RenderCtx {
    return { mode, base: apiBase(this.store, site), query: req.query, now: new Date(this.store.clock.now()).toISOString(), v4: isV4(header(req, 'accept'), header(req, 'odata-version')) };
  }

  private collection(req: Req, mode: Mode, site: SiteRec, set: string, items: SpEntity[]): Res {
    const page = queryCollection(req.query, items);
    return pageRes(this.rc(req, mode, site), set, page, `${this.store.absoluteUrl('')}${req.rawPath}`, null, items[0]?.type ?? set);
  }
}

// -------------------------------------------------------------------- helpers

function effectiveMethod(req: Req): string {
  const m = req.method.toUpperCase();
  const x = header(req, 'x-http-method');
  if (m === 'POST' && x) return x.toUpperCase();
  return m;
}

function unwrapParams(b: Record<string, unknown>): Record<string, unknown> {
  if (isObj(b.parameters)) return b.parameters;
  return b;
}

/** Split an _api path into segments, honouring quotes and parentheses: lists/getbytitle('a/b')/fields */
function splitSegments(api: string): Seg[] {
  const out: Seg[] = [];
  let cur = '';
  let depth = 0;
  let inQ = false;
  const flush = () => {
    if (!cur) return;
    const p = cur.indexOf('(');
    if (p >= 0 && cur.endsWith(')')) out.push({ name: cur.slice(0, p), arg: cur.slice(p + 1, -1) });
    else out.push({ name: cur, arg: null });
    cur = '';
  };
  for (let i = 0; i < api.length; i++) {
    const c = api[i]!;
    if (inQ) {
      cur += c;
      if (c === "'") {
        if (api[i + 1] === "'") {
          cur += "'";
          i++;
        } else inQ = false;
      }
      continue;
    }
    if (c === "'") inQ = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    if (c === '/' && depth === 0) {
      flush();
      continue;
    }
    cur += c;
  }
  flush();
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
