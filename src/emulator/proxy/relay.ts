/**
 * Relaying one proxied request: to the local tenant (with `x-forwarded-host`, which the server
 * routes by), or to another host unchanged. Bodies stream both ways (the tenant bounds them);
 * every relayed request has a deadline; hop-by-hop headers are dropped.
 */
import http from 'node:http';
import https from 'node:https';

/** Where the local tenant listens. */
export interface TenantTarget {
  host: string;
  port: number;
  agent: http.Agent;
}

/** Deadline of one relayed request (the tenant's longest answer is well under it). */
const RELAY_MS = 120_000;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

/** Sends the request to the local tenant as a request for `host`. */
export function forwardToTenant(req: http.IncomingMessage, res: http.ServerResponse, host: string, pathAndQuery: string, target: TenantTarget): void {
  const headers = endToEnd(req.headers);
  headers.host = host;
  headers['x-forwarded-host'] = host;
  relay(req, res, http.request({ host: target.host, port: target.port, method: req.method, path: pathAndQuery, headers, agent: target.agent }), 'the local tenant');
}

/** Sends an absolute-form request for another host on, unchanged. */
export function passThrough(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const options = { method: req.method, headers: endToEnd(req.headers) };
  relay(req, res, url.protocol === 'https:' ? https.request(url, options) : http.request(url, options), url.host);
}

function relay(req: http.IncomingMessage, res: http.ServerResponse, upstream: http.ClientRequest, name: string): void {
  let answered = false;
  upstream.setTimeout(RELAY_MS, () => upstream.destroy(new Error(`no answer within ${RELAY_MS / 1000} s`)));
  upstream.on('response', (up) => {
    answered = true;
    const headers = endToEnd(up.headers);
    // the upstream closed its side before the body was read (a refusal): so does the proxy
    const close = up.headers.connection === 'close' || !req.complete;
    if (close) headers.connection = 'close';
    res.writeHead(up.statusCode ?? 502, up.statusMessage, headers);
    up.pipe(res);
    up.on('error', () => res.destroy());
    if (close) res.on('finish', () => req.socket.destroySoon());
  });
  upstream.on('error', (e) => {
    if (answered) return;
    answered = true;
    if (res.headersSent) return void res.destroy();
    const text = `The local tenant's proxy could not relay to ${name}: ${e.message}`;
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), connection: 'close' });
    res.end(text);
  });
  req.on('error', () => upstream.destroy());
  req.pipe(upstream);
}
