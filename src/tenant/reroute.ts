/**
 * Sends requests for the real Microsoft hostnames to another origin (the local tenant) while the
 * SDKs keep using the real `https://` URLs. Installed as undici's global dispatcher, so Node's
 * `fetch` (used by PnPjs, the Graph SDK and our identity HTTP client) is rerouted without any
 * SDK knowing. The original host travels in `x-forwarded-host`.
 */
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';

/** Maps a hostname (e.g. `graph.microsoft.com`) to the origin that serves it (`http://127.0.0.1:4000`). */
export type RouteTable = Record<string, string>;

let installed: { routes: RouteTable; previous: Dispatcher } | undefined;

/**
 * Installs (or replaces) the routing table. Hosts not in the table go out unchanged. Returns a
 * function that restores the previous global dispatcher.
 */
export function installRerouting(routes: RouteTable): () => void {
  const previous = installed?.previous ?? getGlobalDispatcher();
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256, pipelining: 1 });
  const table = new Map(Object.entries(routes).map(([host, origin]) => [host.toLowerCase(), origin]));
  // Where an origin goes, by the origin as undici passes it (a string: one URL parsed per origin,
  // not per request; issue 12). Few origins are ever seen; the map is bounded all the same.
  const seen = new Map<string, { host: string; target: string | undefined }>();
  const routeOf = (origin: string | URL): { host: string; target: string | undefined } => {
    const known = typeof origin === 'string' ? seen.get(origin) : undefined;
    if (known) return known;
    const host = (typeof origin === 'string' ? new URL(origin) : origin).host;
    const route = { host, target: table.get(host.toLowerCase()) };
    if (typeof origin === 'string' && seen.size < 256) seen.set(origin, route);
    return route;
  };
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    const route = opts.origin ? routeOf(opts.origin) : undefined;
    if (!route?.target) return dispatch(opts, handler);
    return dispatch({ ...opts, origin: route.target, headers: withHeader(opts.headers, 'x-forwarded-host', route.host) }, handler);
  });
  setGlobalDispatcher(dispatcher);
  installed = { routes, previous };
  return () => {
    if (installed?.routes !== routes) return;
    setGlobalDispatcher(previous);
    installed = undefined;
    void agent.close();
  };
}

function withHeader(headers: Dispatcher.DispatchOptions['headers'], name: string, value: string): Dispatcher.DispatchOptions['headers'] {
  if (headers == null) return { [name]: value };
  if (Array.isArray(headers)) return [...headers, name, value] as string[];
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    const flat: string[] = [];
    for (const [k, v] of headers as Iterable<[string, string | string[] | undefined]>) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) flat.push(k, one);
    }
    return [...flat, name, value];
  }
  return { ...(headers as Record<string, string | string[] | undefined>), [name]: value };
}
