import type { IncomingHttpHeaders } from 'node:http';
import type { TokenClaims } from './auth-claims.ts';

/** A request as the faces see it: already routed to a face, body fully read. */
export interface Req {
  method: string;
  /** the original host (graph.microsoft.com, contoso.sharepoint.com, login.microsoftonline.com) */
  host: string;
  /** decoded-once raw path, starting with '/' (no query) */
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  /** set by the face: operation name for stats, e.g. 'POST /groups' */
  op?: string;
  /** set by the face once the bearer token is verified: who calls (app-only or a user, `permissionsOf`) */
  claims?: TokenClaims;
  /** the OData query options (`select`, `expand`, …, without `$`) the Graph face's route read: what it never read is refused (graph/unread-options.ts) */
  optionsRead?: Set<string>;
}

export interface Res {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /**
   * No answer at all: the connection is reset, or held open unanswered (a fault that met a
   * request inside a `$batch` drops the whole batch's connection, as it would a request's alone).
   */
  drop?: 'reset' | 'hang';
  /**
   * With a `hang`: the request's work, run when the held connection closes (the `hang-then-commit`
   * fault); gives the operation it ran as and its answer's status, for the stats.
   */
  later?: () => { op?: string; status: number };
}

export function header(req: Req, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function jsonRes(status: number, body: unknown, headers: Record<string, string> = {}): Res {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

export function emptyRes(status = 204, headers: Record<string, string> = {}): Res {
  return { status, headers };
}

/** Parse a JSON body; undefined on empty body; throws BadJson on malformed. */
export class BadBody extends Error {}

export function parseJsonBody(req: Req): unknown {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new BadBody('malformed JSON body');
  }
}

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
