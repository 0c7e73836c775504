/**
 * PFX / PKCS#12 to PEM: `@azure/identity` (JavaScript) reads PEM only, while Windows and
 * `New-PnPAzureCertificate` hand admins a `.pfx` with a password. The private key and the
 * certificates are read with node-forge (3DES and AES PBES2 bags, SHA-1/SHA-256 MACs) and given
 * as one PEM string that never touches the disk. node-forge is loaded with the first PFX, not
 * with this module: a command with a PEM certificate or a secret does not load it here (the local
 * tenant's own certificate code, src/emulator, still does when the tenant runs in-process).
 */
import { createRequire } from 'node:module';
import type forgeTypes from 'node-forge';

const require = createRequire(import.meta.url);

/** PEM (private key, then the certificates, the key's own first) from a PFX file's bytes. Errors name the file, never the password. */
export function pfxToPem(pfx: Buffer, password: string, file: string): string {
  const forge = require('node-forge') as typeof forgeTypes;
  let p12: forgeTypes.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(pfx.toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: cannot open the PFX certificate (${/mac|password|invalid/i.test(why) ? 'wrong password (AZURE_CLIENT_CERTIFICATE_PASSWORD) or not a PFX file' : why})`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const key = keyBags.find((b) => b.key)?.key;
  if (!key) throw new Error(`${file}: the PFX holds no private key`);
  const certs = certBags.map((b) => b.cert).filter((c): c is forgeTypes.pki.Certificate => !!c);
  if (!certs.length) throw new Error(`${file}: the PFX holds no certificate`);
  // the certificate of the private key first: its thumbprint is what the app registration knows
  const keyModulus = (key as forgeTypes.pki.rsa.PrivateKey).n?.toString(16);
  certs.sort((a, b) => Number(((b.publicKey as forgeTypes.pki.rsa.PublicKey).n?.toString(16) === keyModulus)) - Number(((a.publicKey as forgeTypes.pki.rsa.PublicKey).n?.toString(16) === keyModulus)));
  return forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))) + certs.map((c) => forge.pki.certificateToPem(c)).join('');
}
