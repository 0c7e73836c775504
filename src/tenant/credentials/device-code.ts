/**
 * Device code sign-in for an admin at a laptop: `DeviceCodeCredential` shows a code to enter at
 * the verification page, then holds the admin's refresh token for the run, so Graph and each
 * SharePoint host are asked for once. Delegated: the path for what the service allows only with a
 * user (Graph term store writes). The app registration must allow public client flows and hold
 * the delegated permissions.
 */
import { DeviceCodeCredential, type DeviceCodeInfo, type TokenCredential } from '@azure/identity';
import type { Cloud } from '../clouds.ts';
import type { CredentialSpec } from './kinds.ts';
import { identityOptions } from './identity-options.ts';

/** Where the sign-in instructions go (the CLI prints them on stderr). */
export type SignInPrompt = (message: string) => void;

export function deviceCodeCredential(spec: Extract<CredentialSpec, { kind: 'device-code' }>, cloud: Cloud, prompt: SignInPrompt): TokenCredential {
  return new DeviceCodeCredential({
    tenantId: spec.tenantId,
    clientId: spec.clientId,
    userPromptCallback: (info: DeviceCodeInfo) => prompt(info.message),
    ...identityOptions(cloud),
  });
}
