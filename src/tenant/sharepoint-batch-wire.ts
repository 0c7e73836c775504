/**
 * SharePoint REST `$batch`'s wire format (OData v3 multipart/mixed; "Make batch requests with the
 * REST APIs", ../shared/reference/sharepoint-rest-notes.md §12): the envelope of a web's reads
 * (top-level parts) and writes (in changesets), as PnPjs v4 writes it (`@pnp/sp/batching.js`: the `X-HTTP-Method`
 * override as the part's method, the `Accept`, `Content-Type` and `If-Match` headers copied), and
 * the answer read back into one plain answer per part, in order.
 */
import { randomUUID } from 'node:crypto';

/** One request carried by a `$batch`: absolute URL, the method the service runs, its headers and body. */
export interface BatchPart {
  url: string;
  /** The method the part runs (`MERGE` for a POST with `X-HTTP-Method: MERGE`). */
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** One part of a `$batch` answer. */
export interface PartAnswer {
  status: number;
  statusText: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** The part headers SharePoint reads inside a batch (PnPjs's `headersCopyPattern`). */
const COPIED = /^(accept|content-type|if-match)$/i;

/** A request's headers as a plain object, from any form `RequestInit.headers` takes. */
export function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)) {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((value, name) => (out[name] = value));
    return out;
  }
  return Object.fromEntries(Array.isArray(headers) ? headers : Object.entries(headers as Record<string, string>));
}

/** The part a request makes: its method as the service runs it, and the headers a part carries. */
export function partOf(url: string, method: string, headers: Record<string, string>, body: string | undefined): BatchPart {
  let run = method.toUpperCase();
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'x-http-method' && run === 'POST') run = value.trim().toUpperCase();
    else if (COPIED.test(name)) kept[name] = value;
  }
  return { url, method: run, headers: kept, body };
}

/**
 * The envelope of `parts`, in order: reads (GET) at the batch's top level, each run of writes in a
 * changeset of its own (a changeset carries only inserts, updates and deletes); its body and
 * content type.
 */
export function batchEnvelope(parts: readonly BatchPart[]): { body: string; contentType: string } {
  const batch = `batch_${randomUUID()}`;
  const out: string[] = [];
  let changeset: string | undefined;
  const close = () => {
    if (changeset) out.push(`--${changeset}--\n\n`);
    changeset = undefined;
  };
  for (const p of parts) {
    if (p.method === 'GET') {
      close();
      out.push(`--${batch}\n`);
    } else if (!changeset) {
      changeset = `changeset_${randomUUID()}`;
      out.push(`--${batch}\n`, `Content-Type: multipart/mixed; boundary="${changeset}"\n\n`, `--${changeset}\n`);
    } else out.push(`--${changeset}\n`);
    out.push('Content-Type: application/http\n', 'Content-Transfer-Encoding: binary\n\n', `${p.method} ${p.url} HTTP/1.1\n`);
    for (const [name, value] of Object.entries(p.headers)) out.push(`${name}: ${value}\n`);
    out.push('\n');
    if (p.body) out.push(`${p.body}\n\n`);
  }
  close();
  out.push(`--${batch}--\n`);
  return { body: out.join(''), contentType: `multipart/mixed; boundary=${batch}` };
}

/**
 * The parts of a `$batch` answer, in order; null when `contentType` names no boundary or a part
 * is not an HTTP answer (the caller then knows nothing of any part's outcome).
 */
export function readBatchAnswer(text: string, contentType: string | null): PartAnswer[] | null {
  const m = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  if (!m) return null;
  const lines = text.replace(/\r\n/g, '\n');
  const chunks = lines.split(`--${m[1]}`);
  const out: PartAnswer[] = [];
  for (let i = 1; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    if (chunk.startsWith('--')) break;
    const answer = readPart(chunk.replace(/^\n/, ''));
    if (!answer) return null;
    out.push(answer);
  }
  return out;
}

function readPart(chunk: string): PartAnswer | null {
  // the part's own headers (Content-Type: application/http ...), then the HTTP answer
  const afterPartHeaders = chunk.indexOf('\n\n');
  if (afterPartHeaders < 0) return null;
  const http = chunk.slice(afterPartHeaders + 2);
  const nl = http.indexOf('\n');
  const status = /^HTTP\/[\d.]+\s+(\d{3})\s*(.*)$/i.exec((nl < 0 ? http : http.slice(0, nl)).trim());
  if (!status) return null;
  const rest = nl < 0 ? '' : http.slice(nl + 1);
  const end = rest.indexOf('\n\n');
  const headers: Record<string, string> = {};
  for (const line of (end < 0 ? rest : rest.slice(0, end)).split('\n')) {
    const c = line.indexOf(':');
    if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  const body = end < 0 ? '' : rest.slice(end + 2).replace(/\n+$/, '');
  return { status: Number(status[1]), statusText: status[2]!.trim(), headers, body };
}
