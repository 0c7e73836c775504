/**
 * The SharePoint REST face: PnPjs (`@pnp/sp`) with its default headers, init and parsing, our
 * transport as the sender (PnPjs's own retry would resend POSTs blindly and ignores HTTP-date
 * `Retry-After`) and a bearer token for the tenant's SharePoint resource. Every failure of a call
 * made through it is a `TenantError`, read by the one parser (NormalisedErrors).
 */
import { spfi, SPQueryable, spPatch, spPost, type ISPQueryable, type SPFI } from '@pnp/sp';
import { DefaultHeaders, DefaultInit } from '@pnp/sp/behaviors/defaults.js';
import { body, DefaultParse, InjectHeaders } from '@pnp/queryable';
import '@pnp/sp/webs/index.js';
import '@pnp/sp/sites/index.js';
import '@pnp/sp/lists/index.js';
import '@pnp/sp/fields/index.js';
import type { TimelinePipe } from '@pnp/core';
import type { Queryable } from '@pnp/queryable';
import type { TokenProvider } from './token-provider.ts';
import type { Transport } from './transport.ts';
import { normalizeTenantError } from './normalize-error.ts';
import { serviceError } from './service-error.ts';
import { adminHostOf } from './clouds.ts';
import { SharePointBatcher, type SharePointBatchStats } from './sharepoint-batcher.ts';
import { markReadOnly } from './read-only-post.ts';

/** SharePoint REST for one tenant (`https://<tenant>.sharepoint.com`). */
export interface SharePointFace {
  readonly origin: string;
  /** How many writes went out in `$batch` requests (sharepoint-batcher.ts). */
  readonly batchStats: SharePointBatchStats;
  /** PnPjs rooted at a web, e.g. `https://contoso.sharepoint.com/sites/plan`. */
  web(webUrl: string): SPFI;
  /**
   * One PnPjs queryable for `<webUrl>/<path>` (e.g. `_api/web/lists('<id>')/views`), with the
   * same behaviour as `web()`: the request the fluent chain `web(webUrl).web.lists.getById(id)
   * .views` makes, without a queryable built for each step of it (PnPjs copies its observers and
   * query for each: ~0.1 ms of CPU for a chain of four; issue 12, thirty-ninth pass). For the
   * reads a plan makes for every site; `path` spelt as PnPjs spells it (`siteGroups`), so that
   * the request is the chain's.
   */
  query(webUrl: string, path: string): ISPQueryable;
  /**
   * POST to a tenant-level endpoint such as `_api/SPSiteManager/create`. `readOnly`: the POST
   * only reads (`_api/thememanager/GetTenantThemingOptions`), so it is sent again after a
   * passing failure as a GET is (read-only-post.ts); a write is never.
   */
  post<T>(path: string, payload: unknown, opts?: { readOnly?: boolean }): Promise<T>;
  /** GET a tenant-level endpoint. */
  get<T>(path: string): Promise<T>;
  /**
   * Runs a PnPjs call, turning its failure into a `TenantError`. Not needed for calls through
   * `web()`, whose failures are TenantErrors already (NormalisedErrors); kept for code that
   * still wraps them.
   */
  call<T>(run: () => Promise<T>): Promise<T>;
  /**
   * The tenant admin host (`https://<tenant>-admin.sharepoint.com`), with a token for it and the
   * `OData-Version: 4.0` the `SPO.Tenant` routes need: `path` is under the host, e.g.
   * `_api/SPO.Tenant/sites('<site id>')`.
   */
  admin: {
    readonly origin: string;
    get<T>(path: string): Promise<T>;
    patch(path: string, payload: unknown): Promise<void>;
    /** One PnPjs queryable for `<admin host>/<path>` (e.g. `_vti_bin/client.svc/ProcessQuery`), with the admin host's token. */
    query(path: string): ISPQueryable;
  };
}

/**
 * PnPjs behaviour: a failed answer's body is read by the one parser (service-error.ts) and every
 * rejection is a `TenantError`, so a PnPjs call needs no wrapper to be normalised.
 */
export function NormalisedErrors(): TimelinePipe<Queryable> {
  return (instance) => {
    instance.on.parse.prepend(async (url, response, result) => {
      if (!response.ok) throw serviceError(response.status, await response.clone().text());
      return [url, response, result];
    });
    instance.on.error.replace(function (this: unknown, error: string | Error) {
      // as PnPjs's RejectOnError, with the error normalised
      const self = this as { emit: Record<symbol, (e: unknown) => void>; InternalReject: symbol };
      self.emit[self.InternalReject]!(normalizeTenantError(error));
    });
    return instance;
  };
}

/**
 * The headers of every request to a site: JSON without OData metadata. SharePoint answers
 * `application/json` with minimal metadata (`odata.type`, `odata.id`, `odata.editLink` on every
 * entity: a library's three role assignments with their members and levels are 2.9 KB, 0.6 KB
 * without), and nothing of ours reads those annotations.
 */
const SITE_HEADERS = { Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json;charset=utf-8' };

/**
 * `batching`: writes to one web go out together in `$batch` requests (sharepoint-batcher.ts); on
 * by default, off for the benchmarks' naive and SDK-default comparisons.
 */
export function createSharePointFace(host: string, tokens: TokenProvider, transport: Transport, batching = true): SharePointFace {
  const origin = `https://${host}`;
  const batcher = new SharePointBatcher(transport);
  const send = batching ? (url: string, init: RequestInit) => batcher.send(url, init) : (url: string, init: RequestInit) => transport.send(url, init);
  const behaviour: TimelinePipe<Queryable> = (instance) => {
    instance.using(InjectHeaders(SITE_HEADERS), DefaultInit(), DefaultParse(), NormalisedErrors());
    instance.on.auth(async (url, init) => {
      const token = await tokens.token(origin);
      init.headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` };
      return [url, init];
    });
    instance.on.send.replace(async (url, init) => send(url.toString(), init));
    return instance;
  };
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw normalizeTenantError(error);
    }
  };
  const root = spfi(origin).using(behaviour);
  const rootWeb = root.web;
  const adminOrigin = `https://${adminHostOf(host)}`;
  const adminBehaviour: TimelinePipe<Queryable> = (instance) => {
    instance.using(DefaultHeaders(), DefaultInit(), DefaultParse(), NormalisedErrors());
    instance.on.auth(async (url, init) => {
      const token = await tokens.token(adminOrigin);
      init.headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}`, 'OData-Version': '4.0' };
      return [url, init];
    });
    instance.on.send.replace(async (url, init) => transport.send(url.toString(), init));
    return instance;
  };
  const adminRoot = spfi(adminOrigin).using(adminBehaviour);
  return {
    origin,
    batchStats: batcher.stats,
    // Rooted at the web's URL, with the root's behaviour (observers) shared, not set up again per
    // web: the behaviour does not depend on the web, and a plan of 10,000 workspaces kept 10,000
    // configured roots for the whole run (docs/performance.md, issue 12, twenty-second pass).
    web: (webUrl) => spfi([rootWeb, webUrl]),
    query: (webUrl, path) => SPQueryable([rootWeb, `${webUrl.replace(/\/+$/, '')}/${path}`]),
    post: <T>(path: string, payload: unknown, opts?: { readOnly?: boolean }) =>
      call<T>(() => spPost(SPQueryable([rootWeb, origin], path), opts?.readOnly ? markReadOnly(body(payload)) : body(payload))),
    get: <T>(path: string) => call<T>(() => SPQueryable([rootWeb, origin], path)()),
    call,
    admin: {
      origin: adminOrigin,
      get: <T>(path: string) => call<T>(() => SPQueryable([adminRoot.web, adminOrigin], path)()),
      patch: async (path: string, payload: unknown) => {
        await call(() => spPatch(SPQueryable([adminRoot.web, adminOrigin], path), body(payload)));
      },
      query: (path: string) => SPQueryable([adminRoot.web, adminOrigin], path),
    },
  };
}
