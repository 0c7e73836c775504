/**
 * The errors of CSOM taxonomy (csom-taxonomy*.ts): a `CsomFault` is answered as the request's
 * `ErrorInfo` (message, HRESULT code, .NET type name), as the service answers a failing
 * ProcessQuery.
 */

/** A failing CSOM taxonomy request: the `ErrorInfo` of the answer. */
export class CsomFault extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly typeName: string,
  ) {
    super(message);
  }
}

export const argument = (m: string) => new CsomFault(m, -2147024809, 'System.ArgumentException');
export const argumentNull = (m: string) => new CsomFault(m, -2147467261, 'System.ArgumentNullException');
export const outOfRange = (m: string) => new CsomFault(m, -2146233086, 'System.ArgumentOutOfRangeException');
/** The answer when an id or name the request uses is not in the term store (the service's wording). */
export const notInRange = () => outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
export const operation = (m: string) => new CsomFault(m, -1, 'Microsoft.SharePoint.Taxonomy.TermStoreOperationException');
export const unsupported = (m: string) => new CsomFault(`The local tenant does not support ${m} in CSOM taxonomy requests.`, -1, 'Microsoft.SharePoint.Client.ClientServiceException');
export const denied = () => new CsomFault('Access denied. You do not have permission to perform this action or access this resource.', -2147024891, 'System.UnauthorizedAccessException');
