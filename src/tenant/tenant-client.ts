/**
 * What providers receive: the two faces of one tenant, built on one transport, with the identity
 * the engine signed in as and the token provider (for commands that check permissions, such as
 * doctor). Nothing in here knows whether the tenant is the local one or a real one.
 */
import { cloudOf, graphOrigin, type Cloud } from './clouds.ts';
import { createCredential, type ResolvedCredential } from './credentials/create.ts';
import { identityOf, type ClientIdentity, type CredentialSpec } from './credentials/kinds.ts';
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
  /** Who the engine is: app-only or delegated, and the credential kind. Safe to print. */
  identity: ClientIdentity;
  /** The cloud whose hosts the client talks to. */
  cloud: Cloud;
  /** Tokens per resource (`https://graph.microsoft.com`, `https://contoso.sharepoint.com`), cached. */
  tokens: TokenProvider;
}

/** How the client talks: the transport's options, whether Graph GETs and SharePoint REST writes are batched, and the cloud (default global). */
export type ClientOptions = Partial<TransportOptions> & { batching?: boolean; cloud?: Cloud };

/**
 * `auth`: a credential spec (credentials/kinds.ts), one already created, or an app's client
 * secret (the first version's form).
 */
export function createTenantClient(auth: CredentialSpec | ResolvedCredential | AppCredentials, sharepointHost: string, options: ClientOptions = {}): TenantClient {
  const { batching = true, cloud = cloudOf('global'), ...transportOptions } = options;
  const resolved: ResolvedCredential =
    'credential' in auth
      ? auth
      : 'kind' in auth
        ? createCredential(auth, cloud)
        : { ...createCredential({ kind: 'client-secret', ...auth }, cloud), identity: identityOf({ kind: 'client-secret', ...auth }) };
  const tokens = createTokenProvider(resolved.credential, { deadlineMs: resolved.deadlineMs, describe: resolved.identity.description, oneAtATime: resolved.identity.kind === 'device-code' });
  const transport = createTransport(transportOptions);
  return {
    graph: createGraphFace(tokens, transport, batching, graphOrigin(cloud)),
    sp: createSharePointFace(sharepointHost, tokens, transport, batching),
    sharepointHost,
    transport,
    identity: resolved.identity,
    cloud,
    tokens,
  };
}
