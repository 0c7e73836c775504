/**
 * What the Graph routes of content types (metadata.ts) and the term store (term-store.ts) share:
 * the body reading, the `@odata.context` and the service's error answers.
 */
import { isObj, parseJsonBody, type Req } from '../http.ts';
import { GraphError } from './errors.ts';
import { GRAPH_BASE } from './project.ts';

/** The `@odata.context` of a Graph answer. */
export const ctx = (s: string): string => `${GRAPH_BASE}/$metadata#${s}`;

/** The request's JSON object body; 400 as Graph answers without one. */
export function body(req: Req): Record<string, unknown> {
  const b = parseJsonBody(req);
  if (!isObj(b)) throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  return b;
}

/** Graph's 400 invalidRequest. */
export function invalid(message: string): GraphError {
  return new GraphError(400, 'invalidRequest', message);
}

/** Graph's 404 itemNotFound for `what`. */
export function notFound(what: string): GraphError {
  return new GraphError(404, 'itemNotFound', `${what} not found`);
}
