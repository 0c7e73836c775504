/**
 * What providers receive: the two faces of one tenant, built on one transport. Nothing in here
 * knows whether the tenant is the local one or a real one.
 */
import { createGraphFace, type GraphFace } from './graph-client.ts';
import { createSharePointFace, type SharePointFace } from './sharepoint-client.ts';
import { createTokenProvider, type AppCredentials } from './token-provider.ts';
import { createTransport, type Transport, type TransportOptions } from './transport.ts';

export interface TenantClient {
  graph: GraphFace;
  sp: SharePointFace;
  /** e.g. `contoso.sharepoint.com` */
  sharepointHost: string;
  transport: Transport;
}

export function createTenantClient(
  creds: AppCredentials,
  sharepointHost: string,
  transportOptions: Partial<TransportOptions> = {},
): TenantClient {
  const tokens = createTokenProvider(creds);
  const transport = createTransport(transportOptions);
  return {
    graph: createGraphFace(tokens, transport),
    sp: createSharePointFace(sharepointHost, tokens, transport),
    sharepointHost,
    transport,
  };
}
