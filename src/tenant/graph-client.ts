/**
 * The Microsoft Graph face: the official Graph SDK (`@microsoft/microsoft-graph-client`) with its
 * authentication middleware and our transport as the last middleware (so retries and pacing are
 * ours, not the SDK's). Exposes the few verbs providers need, each throwing `TenantError`.
 */
import { AuthenticationHandler, Client, PageIterator, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { TokenProvider } from './token-provider.ts';
import type { Transport } from './transport.ts';
import { normalizeTenantError } from './normalize-error.ts';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** Graph verbs used by providers. Paths are relative to `/v1.0`, e.g. `/groups/{id}`. */
export interface GraphFace {
  get<T>(path: string): Promise<T>;
  /** Like `get`, but a 404 gives `undefined`. */
  find<T>(path: string): Promise<T | undefined>;
  /** Every item of a collection, following `@odata.nextLink`. */
  list<T>(path: string): Promise<T[]>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch(path: string, body: unknown): Promise<void>;
}

class TransportMiddleware implements Middleware {
  constructor(private readonly transport: Transport) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : (context.request as Request).url;
    context.response = await this.transport.send(url, (context.options ?? {}) as RequestInit);
  }
}

export function createGraphFace(tokens: TokenProvider, transport: Transport): GraphFace {
  const auth = new AuthenticationHandler({ getAccessToken: () => tokens.token(GRAPH_RESOURCE) });
  auth.setNext(new TransportMiddleware(transport));
  const client = Client.initWithMiddleware({ middleware: auth, defaultVersion: 'v1.0', baseUrl: `${GRAPH_RESOURCE}/` });

  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw normalizeTenantError(error);
    }
  };

  return {
    get: (path) => call(() => client.api(path).get()),
    async find<T>(path: string) {
      try {
        return (await call(() => client.api(path).get())) as T;
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      }
    },
    list: <T>(path: string) =>
      call(async () => {
        const items: T[] = [];
        const first = await client.api(path).get();
        const iterator = new PageIterator(client, first, (item: T) => {
          items.push(item);
          return true;
        });
        await iterator.iterate();
        return items;
      }),
    post: (path, body) => call(() => client.api(path).post(body)),
    patch: (path, body) => call(async () => void (await client.api(path).patch(body))),
  };
}
