/**
 * The SharePoint face's errors: `SpError` (an HTTP status with the service's
 * `"<hresult>, <exception type>"` code and message, rendered by the face as `odata.error` JSON or
 * `<m:error>` Atom) and the answers the route files share. Imports nothing, so every file of the
 * face can use it.
 */

/** An answer the service gives as an error: `status`, its `code` ("-2147024809, System.ArgumentException") and message. */
export class SpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** 404 for a segment no resource knows. */
export function notFoundSegment(seg: { name: string }): SpError {
  return new SpError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${seg.name}.`);
}

/** 405 for a method the resource does not take. */
export function methodNotAllowed(method: string): SpError {
  return new SpError(405, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The HTTP method '${method}' cannot be used for this resource.`);
}

/** 404 for a site or file the URL does not address. */
export function fileNotFound(): SpError {
  return new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
}

/** 400 for a request the service cannot read (query options, JSON body). */
export function badRequest(msg: string): SpError {
  return new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', msg);
}

/** 400 `System.ArgumentException`: a bad value in the body or the URL. */
export function argumentError(msg: string): SpError {
  return new SpError(400, '-2147024809, System.ArgumentException', msg);
}

/** 500 `SPException` (a duplicate, a sealed column...); `code` is its HRESULT. */
export function spException(msg: string, code = '-2130575342'): SpError {
  return new SpError(500, `${code}, Microsoft.SharePoint.SPException`, msg);
}
