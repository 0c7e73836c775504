/**
 * A `CredentialSpec` to an `@azure/identity` `TokenCredential` for one cloud, with the identity
 * the rest of the engine may know (`ClientIdentity`) and the deadline of one token request.
 */
import type { TokenCredential } from '@azure/identity';
import type { Cloud } from '../clouds.ts';
import { DEFAULT_GET_TOKEN_DEADLINE_MS } from '../deadline.ts';
import { azureCliCredential } from './azure-cli.ts';
import { azureDevOpsCredential } from './azure-devops.ts';
import { certificateCredential } from './certificate.ts';
import { clientSecretCredential } from './client-secret.ts';
import { deviceCodeCredential, type SignInPrompt } from './device-code.ts';
import { federatedTokenFileCredential } from './federated-token-file.ts';
import { githubActionsCredential } from './github-actions.ts';
import { identityOf, type ClientIdentity, type CredentialSpec } from './kinds.ts';
import { managedIdentityCredential } from './managed-identity.ts';

/** A credential ready to ask for tokens. */
export interface ResolvedCredential {
  credential: TokenCredential;
  identity: ClientIdentity;
  /** How long one token request may take: minutes for a person signing in, a minute otherwise. */
  deadlineMs: number;
}

export interface CreateOptions {
  /** Where device code instructions go (default: stderr). */
  prompt?: SignInPrompt;
}

export function createCredential(spec: CredentialSpec, cloud: Cloud, options: CreateOptions = {}): ResolvedCredential {
  const identity = identityOf(spec);
  const prompt = options.prompt ?? ((message: string) => process.stderr.write(`${message}\n`));
  switch (spec.kind) {
    case 'certificate':
      return { credential: certificateCredential(spec, cloud), identity, deadlineMs: DEFAULT_GET_TOKEN_DEADLINE_MS };
    case 'client-secret':
      return { credential: clientSecretCredential(spec, cloud), identity, deadlineMs: DEFAULT_GET_TOKEN_DEADLINE_MS };
    case 'federated-token-file':
      return { credential: federatedTokenFileCredential(spec, cloud), identity, deadlineMs: DEFAULT_GET_TOKEN_DEADLINE_MS };
    case 'github-actions':
      return { credential: githubActionsCredential(spec, cloud), identity, deadlineMs: DEFAULT_GET_TOKEN_DEADLINE_MS };
    case 'azure-devops':
      return { credential: azureDevOpsCredential(spec, cloud), identity, deadlineMs: DEFAULT_GET_TOKEN_DEADLINE_MS };
    case 'managed-identity':
      return { credential: managedIdentityCredential(spec), identity, deadlineMs: DEFAULT_GET_TOKEN_DEADLINE_MS };
    case 'azure-cli':
      return { credential: azureCliCredential(spec), identity, deadlineMs: 90_000 };
    case 'device-code':
      return { credential: deviceCodeCredential(spec, cloud, prompt), identity, deadlineMs: 16 * 60_000 };
  }
}
