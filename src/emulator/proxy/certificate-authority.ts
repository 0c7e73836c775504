/**
 * The proxy's own certificate authority, as Dev Proxy has one: made at first use, kept in the
 * state folder, and trusted by a client through `NODE_EXTRA_CA_CERTS` (or the OS store), so that
 * the TLS the proxy terminates for `graph.microsoft.com` and the other Microsoft hosts verifies.
 *
 *   <stateDir>/proxy-ca.cer.pem   the CA certificate (public; what `provision emulator ca` prints)
 *   <stateDir>/proxy-ca.key.pem   its private key, mode 0600 (never logged, never leaves the folder)
 *
 * Server certificates are minted in memory at each proxy start, signed by the CA: one
 * certificate naming every host the proxy serves (subjectAltName), valid for 30 days.
 * Not in `certificates/`: certificates there are trusted as the app's client credentials.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { writeFileAtomic } from '../persistence.ts';

/** The CA's files and PEM texts. */
export interface CertificateAuthority {
  /** `<stateDir>/proxy-ca.cer.pem`: for `NODE_EXTRA_CA_CERTS`. */
  certificatePath: string;
  /** `<stateDir>/proxy-ca.key.pem` (0600). */
  keyPath: string;
  certificatePem: string;
  keyPem: string;
}

/** A server certificate and its key (PEM), for `tls.createSecureContext`. */
export interface ServerCertificate {
  certificatePem: string;
  keyPem: string;
}

const DAY = 24 * 3600_000;

/** The CA's paths in a state folder (the files may not exist yet). */
export function certificateAuthorityPaths(stateDir: string): { certificatePath: string; keyPath: string } {
  return { certificatePath: path.join(stateDir, 'proxy-ca.cer.pem'), keyPath: path.join(stateDir, 'proxy-ca.key.pem') };
}

/** The state folder's CA, made (RSA 2048, SHA-256, ten years) when either file is missing. */
export function ensureCertificateAuthority(stateDir: string): CertificateAuthority {
  const { certificatePath, keyPath } = certificateAuthorityPaths(stateDir);
  if (fs.existsSync(certificatePath) && fs.existsSync(keyPath)) {
    fs.chmodSync(keyPath, 0o600);
    return { certificatePath, keyPath, certificatePem: fs.readFileSync(certificatePath, 'utf8'), keyPem: fs.readFileSync(keyPath, 'utf8') };
  }
  fs.mkdirSync(stateDir, { recursive: true });
  const { keyPem, publicKey } = rsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - DAY);
  cert.validity.notAfter = new Date(Date.now() + 3650 * DAY);
  const subject = [
    { name: 'commonName', value: 'm365-provision local tenant proxy CA' },
    { name: 'organizationName', value: 'm365-provision (local, not Microsoft)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  writeFileAtomic(keyPath, keyPem, 0o600);
  writeFileAtomic(certificatePath, certificatePem, 0o644);
  return { certificatePath, keyPath, certificatePem, keyPem };
}

/** A server certificate for `hosts` (the first is the subject), signed by the CA. */
export function mintServerCertificate(ca: CertificateAuthority, hosts: string[]): ServerCertificate {
  if (hosts.length === 0) throw new Error('a server certificate needs at least one host name');
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const { keyPem, publicKey } = rsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - DAY);
  cert.validity.notAfter = new Date(Date.now() + 30 * DAY);
  cert.setSubject([{ name: 'commonName', value: hosts[0]! }]);
  cert.setIssuer(caCert.subject.attributes);
  // the CA's subjectKeyIdentifier as forge computes it (SHA-1 of the RSAPublicKey)
  const caKeyId = forge.pki.getPublicKeyFingerprint(caCert.publicKey, { encoding: 'binary' });
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: hosts.map((h) => ({ type: 2, value: h })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caKeyId },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), keyPem };
}

/** RSA 2048 from node:crypto (fast), handed to forge for the certificate. */
function rsaKey(): { keyPem: string; publicKey: forge.pki.PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

/** A positive 16-byte serial number (hex). */
function serial(): string {
  return '01' + randomBytes(15).toString('hex');
}
