/**
 * SharePoint REST `$batch` (OData v3 multipart/mixed): GET parts at batch level, writes inside
 * `changeset_` parts, as PnPjs v4 sends them (`@pnp/sp/batching.js`); a GET inside a changeset
 * makes the batch invalid (a changeset carries inserts, updates and deletes only). Each part runs on its own
 * (SharePoint does not make a changeset atomic) and is throttled on its own; the answer is one
 * `batchresponse_` part per request, in order.
 *
 * SharePoint's rules, as strict as the service: "The request URL and the URLs inside the body
 * must target the same site. All URLs are case-sensitive." (Make batch requests with the REST
 * APIs): a part on another host or another site's path is answered 400 and not run; at most
 * MAX_BATCH_PARTS requests a batch (pnp/pnpcore#284; the body's 1 MB is request-intake.ts's).
 * A fault meets each part as it would the request alone: a status fault is that part's answer,
 * a reset or hang drops the whole batch's connection, after the parts before it (and the part
 * itself, for the commit-then kinds) have run.
 */
import { randomUUID } from 'node:crypto';
import { header, type Req, type Res } from '../http.ts';
import { throughGateAndFaults, type Gate } from '../policy.ts';

/** The most requests one SharePoint `$batch` may carry. */
export const MAX_BATCH_PARTS = 100;

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 412: 'Precondition Failed', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };

interface Part {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function boundaryOf(contentType: string | undefined): string | null {
  const m = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  return m ? m[1]! : null;
}

function splitParts(text: string, boundary: string): string[] {
  const out: string[] = [];
  const sep = `--${boundary}`;
  const chunks = text.split(sep);
  for (let i = 1; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (c.startsWith('--')) break;
    out.push(c.replace(/^\n/, ''));
  }
  return out;
}

function headersAndRest(text: string): { headers: Record<string, string>; rest: string } {
  const i = text.indexOf('\n\n');
  const head = i < 0 ? text : text.slice(0, i);
  const rest = i < 0 ? '' : text.slice(i + 2);
  const headers: Record<string, string> = {};
  for (const line of head.split('\n')) {
    const c = line.indexOf(':');
    if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  return { headers, rest };
}

function parseHttpPart(text: string): Part | null {
  const { rest } = headersAndRest(text); // part headers: Content-Type: application/http ...
  const nl = rest.indexOf('\n');
  const requestLine = (nl < 0 ? rest : rest.slice(0, nl)).trim();
  const m = /^([A-Z]+)\s+(\S+)(\s+HTTP\/[\d.]+)?$/i.exec(requestLine);
  if (!m) return null;
  const { headers, rest: body } = headersAndRest(nl < 0 ? '' : rest.slice(nl + 1));
  return { method: m[1]!.toUpperCase(), url: m[2]!, headers, body: body.replace(/\n+$/, '') };
}

export function parseBatch(body: string, contentType: string | undefined): Part[] | null {
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const text = body.replace(/\r\n/g, '\n');
  const parts: Part[] = [];
  for (const p of splitParts(text, boundary)) {
    const { headers, rest } = headersAndRest(p);
    const ct = headers['content-type'] ?? '';
    if (/^multipart\/mixed/i.test(ct)) {
      const cs = boundaryOf(ct);
      if (!cs) return null;
      for (const q of splitParts(rest, cs)) {
        const part = parseHttpPart(q);
        // "A ChangeSet is itself a MIME type multipart/mixed with subparts that contain insert,
        // update, or delete operations": a read inside one makes the batch invalid
        if (!part || part.method === 'GET') return null;
        parts.push(part);
      }
    } else {
      const part = parseHttpPart(p);
      if (!part) return null;
      parts.push(part);
    }
  }
  return parts;
}

export function spBatch(outer: Req, handle: (r: Req) => Res, gate: Gate | null): Res {
  const parts = parseBatch(outer.body.toString('utf8'), header(outer, 'content-type'));
  if (!parts) return invalid('The batch request is not a valid multipart/mixed message.');
  if (parts.length > MAX_BATCH_PARTS) return invalid(`The batch carries ${parts.length} requests; at most ${MAX_BATCH_PARTS} are allowed in one batch.`);
  const host = header(outer, 'x-forwarded-host') ?? 'localhost';
  const site = outer.rawPath.replace(/\/_api\/\$batch$/i, '');
  const boundary = `batchresponse_${randomUUID()}`;
  const out: string[] = [];
  for (const p of parts) {
    let url: URL;
    try {
      url = new URL(p.url, `https://${host}${site}`);
    } catch {
      url = new URL('https://invalid/');
    }
    let res: Res;
    let drop: Res['drop'];
    let later: Res['later'];
    const api = url.pathname.search(/\/_api(\/|$)/i);
    if (url.host.toLowerCase() !== host.toLowerCase() || api < 0 || url.pathname.slice(0, api) !== site) {
      res = { status: 400, headers: { 'content-type': 'application/json;odata=nometadata;charset=utf-8' }, body: JSON.stringify({ 'odata.error': { code: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', message: { lang: 'en-US', value: `The request URL and the URLs inside the batch must target the same site: ${url.host}${url.pathname} is not under ${site || '/'}.` } } }) };
    } else {
      const sub: Req = {
        method: p.method,
        host: outer.host,
        rawPath: url.pathname,
        rawQuery: url.search.replace(/^\?/, ''),
        query: new URLSearchParams(url.search),
        headers: { authorization: outer.headers.authorization, 'x-forwarded-host': outer.headers['x-forwarded-host'], ...p.headers },
        body: Buffer.from(p.body, 'utf8'),
        requestId: randomUUID(),
      };
      res = throughGateAndFaults(gate, 'sharepoint', sub, handle);
      drop = res.drop;
      later = res.later;
    }
    if (drop) return { status: 0, headers: {}, drop, ...(later ? { later } : {}) };
    out.push(`--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n`);
    out.push(`HTTP/1.1 ${res.status} ${REASONS[res.status] ?? 'Status'}\r\n`);
    for (const [k, v] of Object.entries(res.headers)) {
      if (k === 'content-type' || k === 'retry-after' || k.startsWith('ratelimit-') || k === 'location' || k === 'etag') out.push(`${k.toUpperCase()}: ${v}\r\n`);
    }
    out.push(`\r\n${res.status === 204 ? '' : (res.body ?? '')}\r\n`);
  }
  out.push(`--${boundary}--\r\n`);
  return { status: 200, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` }, body: out.join('') };
}

function invalid(message: string): Res {
  return { status: 400, headers: { 'content-type': 'application/json;odata=minimalmetadata;charset=utf-8' }, body: JSON.stringify({ 'odata.error': { code: '-1, Microsoft.Data.OData.ODataException', message: { lang: 'en-US', value: message } } }) };
}
