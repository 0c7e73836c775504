/**
 * Whether an answer is a throttle: the request was refused before it ran, so it may be sent
 * again whatever its method. 429 always; 503 with a `Retry-After`, which is how SharePoint
 * answers when it throttles ("SharePoint Online throttles … returns HTTP status code 429 ('Too
 * many requests') or 503 ('Server Too Busy') and the requests will fail … a Retry-After header
 * is included", Avoid getting throttled or blocked in SharePoint Online) and what Graph's 503
 * asks ("You may repeat the request after a delay, the length of which may be specified in a
 * Retry-After header", Microsoft Graph error responses). A 503 without one, and every other
 * 5xx, may follow a commit: for a write it stays ambiguous (looked up, never resent).
 */
export function isThrottleAnswer(status: number, retryAfter: string | null | undefined): boolean {
  return status === 429 || (status === 503 && retryAfter != null && retryAfter.trim() !== '');
}
