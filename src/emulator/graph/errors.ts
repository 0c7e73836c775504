/**
 * The Graph face's errors: `GraphError`, thrown anywhere below the router; the errors of the
 * routes' input (`ColumnInputError`); the answer for a path no route serves; and
 * `graphErrorBody`, the one place a thrown error becomes the service's
 * `{ error: { code, message, innerError } }` with its status.
 */
import { BadBody } from '../http.ts';
import { ODataError, ODataLimitError } from '../odata.ts';

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A columnDefinition body the face cannot take (project.ts columnPatch): 400 `invalidRequest`. */
export class ColumnInputError extends Error {}

/** The directory's 400 for a property of a group or user write it cannot take (missing, of the wrong type, or malformed). */
export function invalidValue(resource: 'Group' | 'User', property: string): GraphError {
  return new GraphError(400, 'Request_BadRequest', `Invalid value specified for property '${property}' of resource '${resource}'.`);
}

/** No route serves the path: 400, naming the segment (the path's first, or the first below a site). */
export function unknownSegment(segment: string | undefined, code = 'BadRequest'): GraphError {
  return new GraphError(400, code, `Resource not found for the segment '${segment ?? ''}'.`);
}

/** The status, code and message the service answers for an error thrown by a route. */
export function graphErrorOf(e: unknown): { status: number; code: string; message: string } {
  if (e instanceof GraphError) return { status: e.status, code: e.code, message: e.message };
  if (e instanceof ODataLimitError) return { status: 400, code: 'Request_UnsupportedQuery', message: e.message };
  if (e instanceof ODataError) return { status: 400, code: 'Request_BadRequest', message: `Invalid filter clause: ${e.message}` };
  if (e instanceof BadBody)
    return { status: 400, code: 'BadRequest', message: 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.' };
  if (e instanceof ColumnInputError) return { status: 400, code: 'invalidRequest', message: e.message };
  return { status: 500, code: 'generalException', message: (e as Error).message };
}
