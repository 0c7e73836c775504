/**
 * What providers receive: the two faces of one tenant, built on one transport. Nothing in here
 * knows whether the tenant is the local one or a real one.
 */
import { createGraphFace, type GraphFace } from './graph-client.ts';
import { createSharePointFace, type SharePointFace } from './sharepoint-client.ts';
import { createTokenProvider, type AppCredentials, type TokenProvider } from './token-provider.ts';
import { createTransport, type Transport, type TransportOptions } from './transport.ts';

export interface TenantClient {
  graph: GraphFace;
  sp: SharePointFace;
  /** e.g. `contoso.sharepoint.com` */
  sharepointHost: string;
  transport: Transport;
  /** The tokens the faces use, for reading their own claims (tenant id, granted roles); never log one. */
  tokens: TokenProvider;
}

/** How the client talks: the transport's options, and whether Graph GETs are batched. */
export type ClientOptions = Partial<TransportOptions> & { batching?: boolean };

export function createTenantClient(creds: AppCredentials, sharepointHost: string, options: ClientOptions = {}): TenantClient {
  const tokens = createTokenProvider(creds);
  const { batching = true, ...transportOptions } = options;
  const transport = createTransport(transportOptions);
  return {
    graph: createGraphFace(tokens, transport, batching),
    sp: createSharePointFace(sharepointHost, tokens, transport),
    sharepointHost,
    transport,
    tokens,
  };
}
