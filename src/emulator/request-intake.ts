/**
 * What the server decides before it reads a request's body, as the service's front doors do:
 * a request to no known host or without a valid bearer token is answered from its headers alone
 * (the body is never buffered), and a body is read only up to the face's bound.
 *
 * Bounds (docs/local-tenant.md, "Request bounds"; the service documents none of them as a rule,
 * so the stricter observed reading is taken):
 *   Graph        4 MB  -> 413 `RequestEntityTooLarge` (Graph's documented ~4 MB request limit)
 *   SharePoint   2 MB  -> 400 `Microsoft.SharePoint.Client.InvalidClientQueryException`
 *                "The request message is too big. The server does not allow messages larger than 2097152 bytes."
 *   SharePoint `$batch` 1 MB (the answer SharePoint gives a larger batch: "…a maximum of 1048576 bytes is allowed.")
 *   login, managed identity, control routes: 64 KB (a token request is a small form)
 */
import type http from 'node:http';
import { jsonRes, type Res } from './http.ts';

/** The faces the server routes to (server.ts `faceFor`). */
export type Face = 'graph' | 'sharepoint' | 'login' | 'msi' | 'emulator' | 'unknown';

export const GRAPH_MAX_BODY = 4 * 1024 * 1024;
export const SHAREPOINT_MAX_BODY = 2 * 1024 * 1024;
export const SHAREPOINT_BATCH_MAX_BODY = 1024 * 1024;
export const SMALL_MAX_BODY = 64 * 1024;

/** The most bytes a body may have on this face and path, and the service's answer past it. */
export interface BodyBound {
  bytes: number;
  refuse(accept: string | undefined): Res;
}

export function bodyBoundFor(face: Face, rawPath: string): BodyBound {
  if (face === 'graph') {
    return {
      bytes: GRAPH_MAX_BODY,
      refuse: () => jsonRes(413, { error: { code: 'RequestEntityTooLarge', message: `The request body is larger than the ${GRAPH_MAX_BODY} bytes allowed.` } }),
    };
  }
  if (face === 'sharepoint') {
    const batch = /\/_api\/\$batch$/i.test(rawPath);
    const bytes = batch ? SHAREPOINT_BATCH_MAX_BODY : SHAREPOINT_MAX_BODY;
    const message = batch
      ? `The maximum number of bytes allowed to be read from the stream has been exceeded. After the last read operation, a total of more than ${bytes} bytes has been read from the stream; however a maximum of ${bytes} bytes is allowed.`
      : `The request message is too big. The server does not allow messages larger than ${bytes} bytes.`;
    return { bytes, refuse: (accept) => sharePointError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', message, accept) };
  }
  return {
    bytes: SMALL_MAX_BODY,
    refuse: () => ({ status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `Request Entity Too Large: the body is larger than the ${SMALL_MAX_BODY} bytes allowed.` }),
  };
}

/** A SharePoint REST error in the metadata level the client asked for. */
function sharePointError(status: number, code: string, message: string, accept: string | undefined): Res {
  const verbose = /odata=verbose/i.test(accept ?? '');
  const inner = { code, message: { lang: 'en-US', value: message } };
  return jsonRes(status, verbose ? { error: inner } : { 'odata.error': inner }, { 'content-type': `application/json;odata=${verbose ? 'verbose' : 'minimalmetadata'};charset=utf-8` });
}

/** The declared body length (Content-Length), or undefined when chunked or absent. */
export function declaredLength(req: http.IncomingMessage): number | undefined {
  const v = req.headers['content-length'];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Reads the body up to `limit` bytes. Resolves with the body, or with `'too-large'` as soon as
 * the limit is passed (the rest is not buffered: the caller answers and closes the connection).
 * A request whose Content-Length already passes the limit is refused before a byte is read.
 */
export function readBoundedBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'gone'> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        done = true;
        req.off('data', onData);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    // a client that went away mid-body: nothing to answer, and nothing of a half-sent request is done
    req.on('error', () => {
      if (!done) {
        done = true;
        resolve('gone');
      }
    });
    req.on('close', () => {
      if (!done && !req.complete) {
        done = true;
        resolve('gone');
      }
    });
  });
}
