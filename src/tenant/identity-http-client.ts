/**
 * An `HttpClient` for `@azure/identity` that sends its requests with Node's `fetch`, so the token
 * requests follow the same global routing as every other request (the identity library's default
 * client uses `node:https` directly and would never reach the local tenant).
 */
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

export function createFetchHttpClient(): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name] = value;
      const response = await fetch(request.url, {
        method: request.method,
        headers,
        body: typeof request.body === 'string' ? request.body : undefined,
        signal: request.abortSignal as AbortSignal | undefined,
      });
      const responseHeaders = createHttpHeaders();
      response.headers.forEach((value, name) => responseHeaders.set(name, value));
      return { request, status: response.status, headers: responseHeaders, bodyAsText: await response.text() };
    },
  };
}
