/**
 * The Graph face's error: thrown anywhere below the router, answered by `GraphFace.handle` as the
 * service's `{ error: { code, message, innerError } }` with this status.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
