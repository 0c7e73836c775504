/**
 * Certificate: `ClientCertificateCredential` signs a client assertion with the app's private
 * key (`appidacr` 2, the app-only token SharePoint accepts). PEM files are passed as they are
 * (an encrypted key is opened with the password); a PFX (`.pfx`, `.p12`) is turned into PEM in
 * memory first (pfx.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { ClientCertificateCredential, type TokenCredential } from '@azure/identity';
import type { Cloud } from '../clouds.ts';
import type { CredentialSpec } from './kinds.ts';
import { identityOptions } from './identity-options.ts';
import { pfxToPem } from './pfx.ts';

/** 1 MiB: a certificate file is a few kilobytes. */
const MAX_CERTIFICATE_BYTES = 1 << 20;

export function certificateCredential(spec: Extract<CredentialSpec, { kind: 'certificate' }>, cloud: Cloud): TokenCredential {
  const tooLarge = () => new Error(`certificate ${spec.certificatePath}: larger than 1 MiB, not a certificate`);
  let bytes: Buffer;
  try {
    // The size first: a file of any size is not read whole to find it is too large.
    if (statSync(spec.certificatePath).size > MAX_CERTIFICATE_BYTES) throw tooLarge();
    bytes = readFileSync(spec.certificatePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new Error(`certificate ${spec.certificatePath}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (bytes.length > MAX_CERTIFICATE_BYTES) throw tooLarge(); // it grew since
  const text = bytes.toString('utf8');
  const isPem = text.includes('-----BEGIN ');
  if (isPem) {
    if (!/-----BEGIN CERTIFICATE-----/.test(text)) throw new Error(`certificate ${spec.certificatePath}: the PEM holds no certificate (put the private key and the certificate in one file)`);
    if (!/PRIVATE KEY-----/.test(text)) throw new Error(`certificate ${spec.certificatePath}: the PEM holds no private key (put the private key and the certificate in one file)`);
    return new ClientCertificateCredential(
      spec.tenantId,
      spec.clientId,
      { certificate: text, ...(spec.certificatePassword ? { certificatePassword: spec.certificatePassword } : {}) },
      identityOptions(cloud),
    );
  }
  const pem = pfxToPem(bytes, spec.certificatePassword ?? '', spec.certificatePath);
  return new ClientCertificateCredential(spec.tenantId, spec.clientId, { certificate: pem }, identityOptions(cloud));
}
