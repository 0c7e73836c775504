/**
 * The Microsoft Graph face: the official Graph SDK (`@microsoft/microsoft-graph-client`) with its
 * authentication middleware and our transport as the last middleware (so retries and pacing are
 * ours, not the SDK's). Exposes the few verbs providers need, each throwing `TenantError`.
 */
import { AuthenticationHandler, Client, GraphClientError, PageIterator, ResponseType, type Context, type Middleware, type PageCollection } from '@microsoft/microsoft-graph-client';
import type { TokenProvider } from './token-provider.ts';
import type { Transport } from './transport.ts';
import { isNotFound, TenantError } from '../model/tenant-error.ts';
import { GraphBatcher, type BatcherStats } from './graph-batcher.ts';
import { batchableGraphWrite, GraphWriteBatcher, type BatchedWriteMethod } from './graph-write-batcher.ts';
import { batchCapOf } from './endpoint-limits.ts';
import { graphPathScope } from './throttle-scope.ts';
import { normalizeTenantError } from './normalize-error.ts';
import { serviceError } from './service-error.ts';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** Graph verbs used by providers. Paths are relative to `/v1.0`, e.g. `/groups/{id}`. */
export interface GraphFace {
  get<T>(path: string): Promise<T>;
  /** Like `get`, but a 404 gives `undefined`. */
  find<T>(path: string): Promise<T | undefined>;
  /** Every item of a collection, following `@odata.nextLink`. */
  list<T>(path: string): Promise<T[]>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** PATCH; `headers` e.g. `If-Match` (a 412 when the eTag no longer matches). Gives the answer's body, if any. */
  patch<T = void>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  /**
   * A request whose answer's status and headers matter (e.g. `POST /teams`: 202 Accepted with the
   * `Location` of an operation to poll, whose GET answers carry `Retry-After`). A non-2xx answer
   * throws `TenantError` like the other verbs.
   */
  request<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<AcceptedAnswer<T>>;
  /** How many GETs went out in `$batch` requests. */
  readonly batchStats: BatcherStats;
  /** How many writes on SharePoint resources went out in `$batch` requests (graph-write-batcher.ts). */
  readonly writeBatchStats: BatcherStats;
  /**
   * The absolute URL of a v1.0 path on this cloud's Graph (`/users/{id}` ->
   * `https://graph.microsoft.us/v1.0/users/{id}` in GCC High), for `@odata.bind` and `@odata.id`.
   */
  url(path: string): string;
}

/** What `request` gives: status, the headers that drive polling, and the parsed body (if any). */
export interface AcceptedAnswer<T> {
  status: number;
  location?: string;
  contentLocation?: string;
  retryAfter?: string;
  body?: T;
}

class TransportMiddleware implements Middleware {
  constructor(private readonly transport: Transport) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : (context.request as Request).url;
    try {
      context.response = await this.transport.send(url, (context.options ?? {}) as RequestInit);
    } catch (error) {
      // The SDK passes a GraphClientError through untouched (any other error it rewraps and
      // loses): the transport's TenantError (a deadline, an ambiguous write) rides in it.
      if (!(error instanceof TenantError)) throw error;
      const wrapped = new GraphClientError(error.message);
      wrapped.customError = error;
      throw wrapped;
    }
  }
}

/** A raw answer's JSON body (undefined when empty or not JSON); a non-2xx answer throws its `TenantError`. */
async function bodyOfRaw(res: Response): Promise<unknown> {
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) throw serviceError(res.status, parsed ?? (text || res.statusText));
  return parsed;
}

/**
 * `batching`: coalesce independent GETs into `$batch` requests (graph-batcher.ts), and writes on
 * SharePoint resources into batches of their own (graph-write-batcher.ts); on by
 * default. `origin`: the cloud's Graph (clouds.ts), `https://graph.microsoft.com` by default.
 */
export function createGraphFace(tokens: TokenProvider, transport: Transport, batching = true, origin = GRAPH_RESOURCE): GraphFace {
  const GRAPH = origin;
  const auth = new AuthenticationHandler({ getAccessToken: () => tokens.token(GRAPH) });
  auth.setNext(new TransportMiddleware(transport));
  const client = Client.initWithMiddleware({ middleware: auth, defaultVersion: 'v1.0', baseUrl: `${GRAPH}/` });

  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw normalizeTenantError(error);
    }
  };
  // The batch's raw answer: the transport knows from it when the batch left, so that its
  // sub-answers' budget headers are learned at their place in the sending order (transport.ts).
  const postBatch = <R>(body: unknown) =>
    call(async () => {
      const res = (await client.api('/$batch').responseType(ResponseType.RAW).post(body)) as Response;
      const parsed = await bodyOfRaw(res);
      return { responses: ((parsed as { responses?: R[] } | undefined)?.responses ?? []) as R[], envelope: res };
    });
  const batcher = new GraphBatcher({
    postBatch,
    getAlone: (path) => call(() => client.api(path).get()),
    throttled: (path, ms) => transport.pause(`${GRAPH}/v1.0${path}`, ms),
    learn: (path, status, headers, within) => transport.learn(`${GRAPH}/v1.0${path}`, status, headers, within),
    underPressure: (path) => transport.underPressure(`${GRAPH}/v1.0${path}`),
    scopeOf: graphPathScope,
    capOf: (path) => batchCapOf(path.split('?')[0]!),
  });
  // Team reads are batched too: the transport counts a batch's sub-requests one by one against
  // Teams' per-team and per-app windows (endpoint-limits.ts), as the service does.
  const get = <T>(path: string): Promise<T> => (batching ? batcher.get<T>(path) : call(() => client.api(path).get()));
  const postAlone = <T>(path: string, body: unknown): Promise<T> => call(() => client.api(path).post(body));
  const patchAlone = <T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> =>
    call(async () => (await (headers ? client.api(path).headers(headers) : client.api(path)).patch(body)) as T);
  const writes = new GraphWriteBatcher({
    postBatch,
    sendAlone: <T>(method: BatchedWriteMethod, path: string, body: unknown, headers?: Record<string, string>) =>
      method === 'POST' ? postAlone<T>(path, body) : patchAlone<T>(path, body, headers),
    throttled: (path, ms) => transport.pause(`${GRAPH}/v1.0${path}`, ms),
    learn: (path, status, headers, within) => transport.learn(`${GRAPH}/v1.0${path}`, status, headers, within),
    scopeOf: graphPathScope,
  });
  // Writes on SharePoint resources go in batches of their own (graph-write-batcher.ts).
  const batchWrite = (path: string): boolean => batching && batchableGraphWrite(path);

  return {
    batchStats: batcher.stats,
    writeBatchStats: writes.stats,
    url: (path: string) => `${GRAPH}/v1.0${path}`,
    get,
    async find<T>(path: string) {
      try {
        return await get<T>(path);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    list: <T>(path: string) =>
      call(async () => {
        const items: T[] = [];
        const first = await get<PageCollection>(path);
        const iterator = new PageIterator(client, first, (item: T) => {
          items.push(item);
          return true;
        });
        await iterator.iterate();
        return items;
      }),
    post: <T>(path: string, body: unknown) => (batchWrite(path) ? writes.write<T>('POST', path, body) : postAlone<T>(path, body)),
    patch: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
      batchWrite(path) ? writes.write<T>('PATCH', path, body, headers) : patchAlone<T>(path, body, headers),
    put: (path, body) => call(() => client.api(path).put(body)),
    delete: (path) => call(async () => void (await client.api(path).delete())),
    request: <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
      call(async (): Promise<AcceptedAnswer<T>> => {
        const api = client.api(path).responseType(ResponseType.RAW);
        const res = (await (method === 'GET' ? api.get() : api.post(body))) as Response;
        const parsed = await bodyOfRaw(res);
        const h = (name: string) => res.headers.get(name) ?? undefined;
        return {
          status: res.status,
          ...(h('location') ? { location: h('location') } : {}),
          ...(h('content-location') ? { contentLocation: h('content-location') } : {}),
          ...(h('retry-after') ? { retryAfter: h('retry-after') } : {}),
          ...(parsed !== undefined ? { body: parsed as T } : {}),
        };
      }),
  };
}
