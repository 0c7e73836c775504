/**
 * How one HTTP attempt goes out: one exchange on undici's global dispatcher (the one `reroute.ts`
 * installs, so the real `https://` URLs still reach the local tenant; dispatch-once.ts), with the
 * answer's body collected whole and handed back as a `Response` for the SDKs to parse
 * (complete-response.ts: its body methods read the bytes directly). Until issue 12's twenty-sixth
 * pass this was undici's `request`, whose body stream and per-answer bookkeeping cost 18–30 % of a
 * request's CPU (measured with scripts/bench-transport.ts given both senders: docs/performance.md,
 * twenty-sixth pass).
 *
 * Why not Node's global `fetch`: for the small JSON answers the engine reads by the thousand,
 * fetch's WHATWG machinery (a Request, web streams for both bodies, header validation, a
 * dispatcher of another undici version) cost more CPU than the request itself, and the
 * transport then copied the answer into a second Response to read it within the deadline. Here
 * the body is read once, as bytes, and becomes the one Response (bench: scripts/bench-transport.ts).
 *
 * What fetch did and this keeps: the same default request headers (`accept: *\/*`,
 * `accept-language: *`, `user-agent: node`, `accept-encoding: gzip, deflate`, a string body's
 * `text/plain;charset=UTF-8`), compressed answers decoded, redirects followed as fetch follows
 * them (at most 20; 303, and 301/302 after a POST, become a GET without body; credentials are
 * dropped when the redirect leaves the origin), the abort signal covering the body too. The
 * status text is the standard one for the status (the wire's reason phrase is not kept), and the
 * browser-only `sec-fetch-mode: cors` is not sent (test/tenant/http-sender.test.ts compares what a
 * server receives from both). A body
 * kind this does not know (a stream, a form) goes out through `fetch` as before.
 */
import { STATUS_CODES } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { completeResponse } from './complete-response.ts';
import { dispatchOnce, type WholeAnswer } from './dispatch-once.ts';

/** Sends one attempt and gives the complete answer (its body already read). */
export type HttpSender = (url: string, init: RequestInit) => Promise<Response>;

const MAX_REDIRECTS = 20;
const decoders: Record<string, (b: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};
/** Headers that carry credentials or describe a body: dropped as fetch drops them on redirects. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

export const sendWithUndici: HttpSender = async (url, init) => {
  const body = bodyOf(init.body);
  if (body === UNSUPPORTED) return sendWithFetch(url, init);
  const headers = headersOf(init.headers);
  if (body !== undefined && headers['content-type'] === undefined) {
    if (typeof init.body === 'string') headers['content-type'] = 'text/plain;charset=UTF-8';
    else if (init.body instanceof URLSearchParams) headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
  }
  headers.accept ??= '*/*';
  headers['accept-language'] ??= '*';
  headers['user-agent'] ??= 'node';
  headers['accept-encoding'] ??= 'gzip, deflate';
  let method = normaliseMethod(init.method);
  let target = url;
  let payload = body;
  for (let hops = 0; ; hops++) {
    const answer = await dispatchOnce(target, method, headers, payload, init.signal ?? undefined);
    const location = header(answer.headers, 'location');
    if (isRedirect(answer.statusCode) && location !== undefined && init.redirect !== 'manual') {
      if (init.redirect === 'error' || hops >= MAX_REDIRECTS) throw new TypeError(`fetch failed`, { cause: new Error(init.redirect === 'error' ? 'unexpected redirect' : 'redirect count exceeded') });
      const next = new URL(location, target);
      if (next.origin !== new URL(target).origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
      if (answer.statusCode === 303 ? method !== 'HEAD' : (answer.statusCode === 301 || answer.statusCode === 302) && method === 'POST') {
        method = 'GET';
        payload = undefined;
        for (const name of BODY_HEADERS) delete headers[name];
      }
      target = next.toString();
      continue;
    }
    return responseOf(answer);
  }
};

/** The previous way: Node's fetch, then the body read and copied into a new Response. */
export const sendWithFetch: HttpSender = async (url, init) => {
  const response = await fetch(url, init);
  const body = await response.arrayBuffer();
  return new Response(isBodiless(response.status) ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
};

async function responseOf(answer: WholeAnswer): Promise<Response> {
  let bytes = answer.body;
  const encoding = header(answer.headers, 'content-encoding')?.trim().toLowerCase();
  const decode = encoding ? decoders[encoding] : undefined;
  if (decode && bytes.length > 0) bytes = await decode(bytes);
  // Name-value pairs, read once by the Response into its own headers (a Headers built here first
  // was copied there again).
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.push([name, one]);
    else headers.push([name, value]);
  }
  const status = answer.statusCode;
  const init = { status, statusText: STATUS_CODES[status] ?? '', headers };
  return isBodiless(status) ? new Response(null, init) : completeResponse(bytes, init);
}

const UNSUPPORTED = Symbol('unsupported body');

function bodyOf(body: RequestInit['body']): string | Uint8Array | undefined | typeof UNSUPPORTED {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return body.toString();
  return UNSUPPORTED;
}

/** Lower-case names; repeated names joined with `, ` as `Headers` joins them. */
function headersOf(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  };
  if (init === undefined || init === null) return out;
  if (init instanceof Headers) init.forEach((value, name) => add(name, value));
  else if (Array.isArray(init)) for (const [name, value] of init as [string, string][]) add(name, String(value));
  else for (const [name, value] of Object.entries(init)) if (value !== undefined) add(name, String(value));
  return out;
}

function header(headers: WholeAnswer['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** As fetch normalises: the six standard methods upper-cased, any other (PATCH, MERGE) as given. */
function normaliseMethod(method: string | undefined): string {
  if (!method) return 'GET';
  const upper = method.toUpperCase();
  return ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(upper) ? upper : method;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Statuses whose answer carries no body (the Response constructor refuses one). */
function isBodiless(status: number): boolean {
  return status === 101 || status === 204 || status === 205 || status === 304;
}
