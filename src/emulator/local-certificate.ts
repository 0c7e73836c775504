/**
 * The local tenant's app certificate: at first start a self-signed X.509 certificate (RSA 2048,
 * SHA-256, two years) is made for the registered app, its public part trusted like any
 * certificate uploaded to the app registration, and its private key kept in the state folder
 * (mode 0600) so that the engine can sign client assertions with it — the credential SharePoint
 * accepts for app-only access (a client secret's token it refuses).
 *
 *   <stateDir>/certificates/local-app.cer.pem   the certificate (trusted, like every *.pem there)
 *   <stateDir>/app-certificate.pem              private key + certificate, 0600 (never logged)
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { writeFileAtomic } from './persistence.ts';

/** Where the app certificate lives; `credentialPath` holds the private key (PEM: key + certificate). */
export interface LocalAppCertificate {
  /** `<stateDir>/app-certificate.pem`: what `AZURE_CLIENT_CERTIFICATE_PATH` points at. */
  credentialPath: string;
  /** `<stateDir>/certificates/local-app.cer.pem`: the public certificate the tenant trusts. */
  certificatePath: string;
}

export function ensureLocalAppCertificate(stateDir: string, tenantName: string): LocalAppCertificate {
  const certDir = path.join(stateDir, 'certificates');
  const credentialPath = path.join(stateDir, 'app-certificate.pem');
  const certificatePath = path.join(certDir, 'local-app.cer.pem');
  if (fs.existsSync(credentialPath) && fs.existsSync(certificatePath)) return { credentialPath, certificatePath };
  fs.mkdirSync(certDir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 2 * 365 * 24 * 3600_000);
  const subject = [{ name: 'commonName', value: `m365-provision local tenant app (${tenantName})` }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true }]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  writeFileAtomic(credentialPath, keyPem + certPem, 0o600);
  writeFileAtomic(certificatePath, certPem, 0o644);
  return { credentialPath, certificatePath };
}
