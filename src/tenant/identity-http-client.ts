/**
 * An `HttpClient` for `@azure/identity` that sends its requests with Node's `fetch`, so the token
 * requests follow the same global routing as every other request (the identity library's default
 * client uses `node:https` directly and would never reach the local tenant). Every token request
 * has a deadline (`deadline.ts`): the request's own `timeout` when the identity library sets one,
 * else `deadlineMs`; one that passes is a `REQUEST_SEND_ERROR`, which the identity pipeline's
 * retry policy retries a bounded number of times.
 */
import { createHttpHeaders, RestError, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { armDeadline, DEFAULT_TOKEN_DEADLINE_MS, formatMs } from './deadline.ts';

export function createFetchHttpClient(deadlineMs: number = DEFAULT_TOKEN_DEADLINE_MS): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name] = value;
      const ms = request.timeout > 0 ? request.timeout : deadlineMs;
      const deadline = armDeadline(ms, request.abortSignal as AbortSignal | undefined);
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers,
          body: typeof request.body === 'string' ? request.body : undefined,
          signal: deadline.signal,
        });
        const responseHeaders = createHttpHeaders();
        response.headers.forEach((value, name) => responseHeaders.set(name, value));
        return { request, status: response.status, headers: responseHeaders, bodyAsText: await response.text() };
      } catch (error) {
        if (!deadline.expired) throw error;
        const { origin, pathname } = new URL(request.url);
        throw new RestError(`token request ${request.method} ${origin}${pathname}: no answer within ${formatMs(ms)}`, { code: RestError.REQUEST_SEND_ERROR, request });
      } finally {
        deadline.clear();
      }
    },
  };
}
