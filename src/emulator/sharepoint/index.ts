/**
 * The SharePoint REST face (`https://<tenant>.sharepoint.com/<site>/_api/...`): the request
 * handling (authentication, permissions, the service's error answer and headers), then one route
 * table per host (routes.ts: a site's `_api`, the tenant admin host's), whose entries each
 * resource's file declares. Two routes are the face's own, as their bodies have their own
 * parsers and they stand outside a site's `_api` segments: CSOM `ProcessQuery`
 * (`/_vti_bin/client.svc`, csom.ts) and `$batch` (multipart, batch.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Auth } from '../auth.ts';
import { permissionsOf } from '../auth-claims.ts';
import { isDelegated, type AccessClaims } from '../graph/termstore-access.ts';
import { BadBody, header, type Req, type Res } from '../http.ts';
import { ODataError } from '../odata.ts';
import { checkSharePoint } from '../permissions.ts';
import type { Gate } from '../policy.ts';
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { spBatch } from './batch.ts';
import { processQuery } from './csom.ts';
import { argumentError, badRequest, fileNotFound, SpError } from './errors.ts';
import { spBody } from './body-check.ts';
import { apiBase, type SpEntity } from './project.ts';
import { queryCollection } from './query-rules.ts';
import { complexRes, entityRes, errorRes, isV4, modeOf, pageRes, valueRes, type RenderCtx } from './render.ts';
import type { SpMode, SpRouteCtx, SpSeg } from './route-context.ts';
import { SP_ADMIN_TABLE, SP_TABLE } from './routes.ts';
import { SchemaXmlError } from './schema-xml.ts';
import type { SiteTiming } from './site-manager.ts';
import { safeDecode, splitSegments, spSeg } from './segments.ts';

export { SpError };

export class SharePointFace {
  /** throttling of $batch parts (set by the local tenant; null = none) */
  gate: Gate | null = null;
  /** told of each `$batch` part once it is answered, by its operation (the local tenant's stats) */
  onSubRequest: (op: string) => void = () => {};
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
      else if (e instanceof ODataError) err = badRequest(`The query is not valid. ${e.message}`);
      else if (e instanceof BadBody) err = badRequest('Invalid JSON. A token was not recognized in the JSON content.');
      else if (e instanceof SchemaXmlError) err = argumentError(e.message);
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

  private route(req: Req, mode: SpMode): Res {
    const path = req.rawPath;
    const lower = path.toLowerCase();
    let idx = lower.indexOf('/_api/');
    if (idx < 0 && lower.endsWith('/_api')) idx = lower.length - 5;
    if (idx < 0 && lower.endsWith('/_vti_bin/client.svc/processquery') && req.method === 'POST') {
      // CSOM (csom.ts): the term store, the property bag and regional settings
      const v = this.auth.verify(req, 'sharepoint');
      if (!v.ok) throw new SpError(401, '401', v.reason === 'unsupported-app-only' ? 'Unsupported app only token.' : 'Invalid JWT token.');
      req.claims = v.claims;
      const webPath = safeDecode(path.slice(0, lower.indexOf('/_vti_bin/'))) || '/';
      const adminHost = this.isAdminHost(req);
      // the admin host is one site: the tenant's other sites are not under it
      const site = adminHost && webPath !== '/' ? undefined : this.store.getSiteByUrl(webPath);
      if (!site) throw fileNotFound();
      return processQuery(this.store, req, site, { delegated: isDelegated(v.claims as AccessClaims), appIsTermStoreAdmin: this.appIsTermStoreAdmin, roles: permissionsOf(v.claims), adminHost });
    }
    if (idx < 0) {
      req.op = `SP ${req.method} (not _api)`;
      throw fileNotFound();
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
      if (req.method !== 'POST') throw badRequest('The $batch endpoint accepts POST only.');
      return spBatch(
        req,
        (sub) => {
          const res = this.handle(sub);
          this.onSubRequest(sub.op ?? `SP ${sub.method} ?`);
          return res;
        },
        this.gate,
      );
    }
    const webPath = safeDecode(path.slice(0, idx)) || '/';
    const api = safeDecode(path.slice(idx + 5).replace(/^\/+/, ''));
    const segs = splitSegments(api).map((g) => spSeg(req, g));
    const method = effectiveMethod(req);
    req.op = `SP ${method} ${segs.map((s) => s.name.toLowerCase() + (s.arg !== null ? '()' : '')).join('/')}`;
    if (this.isAdminHost(req)) {
      const root = this.store.getSiteByUrl('/');
      if (!root) throw fileNotFound();
      return SP_ADMIN_TABLE.dispatch(method, segs, this.routeCtx(req, method, mode, root, segs));
    }
    // tenant-level routes (SPSiteManager) are served on the root site, whatever site the URL addresses
    const site = SP_TABLE.find(method, segs)?.on === 'root' ? this.store.getSiteByUrl('/') : this.store.getSiteByUrl(webPath);
    if (!site) throw fileNotFound();
    return SP_TABLE.dispatch(method, segs, this.routeCtx(req, method, mode, site, segs));
  }

  /** Whether `req` was sent to the tenant admin host (`<tenant>-admin.sharepoint.com`, as the reroute forwards it). */
  private isAdminHost(req: Req): boolean {
    const fwd = (header(req, 'x-forwarded-host') ?? '').toLowerCase().replace(/:\d+$/, '');
    return fwd === this.store.spHost.replace(/\.sharepoint\.com$/, '-admin.sharepoint.com');
  }

  /** What routes' handlers get (route-context.ts). */
  private routeCtx(req: Req, method: string, mode: SpMode, site: SiteRec, segs: SpSeg[]): SpRouteCtx {
    return {
      req,
      method,
      mode,
      store: this.store,
      site,
      siteTiming: this.siteTiming,
      segs,
      args: {},
      rest: [],
      below: [],
      body: (shape) => spBody(req, shape),
      entity: (e, set, status) => entityRes(this.rc(req, mode, site), e, set, status),
      collection: (items, set) => this.collection(req, mode, site, set, items),
      page: (items, set, feedId, next, type) => pageRes(this.rc(req, mode, site), set, items, feedId, next, type),
      value: (fn, type, v) => valueRes(this.rc(req, mode, site), fn, type, v),
      complex: (fn, type, props) => complexRes(this.rc(req, mode, site), fn, type, props),
    };
  }

  // ------------------------------------------------------------------ formatting

  private rc(req: Req, mode: SpMode, site: SiteRec): RenderCtx {
    return { mode, base: apiBase(this.store, site), query: req.query, now: new Date(this.store.clock.now()).toISOString(), v4: isV4(header(req, 'accept'), header(req, 'odata-version')) };
  }

  private collection(req: Req, mode: SpMode, site: SiteRec, set: string, items: SpEntity[]): Res {
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

