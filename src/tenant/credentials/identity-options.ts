/**
 * The options every `@azure/identity` credential gets: the cloud's authority host (https, as the
 * library requires), our fetch-based HTTP client (so that token requests follow the rerouting to
 * a local tenant) and no instance discovery (the authority is known per cloud).
 */
import { createFetchHttpClient } from '../identity-http-client.ts';
import type { Cloud } from '../clouds.ts';

export function identityOptions(cloud: Cloud) {
  return { authorityHost: cloud.authorityHost, httpClient: createFetchHttpClient(), disableInstanceDiscovery: true };
}
