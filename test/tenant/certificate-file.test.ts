/**
 * The certificate file of an app credential: a file that is too large to be one is refused by
 * its size, before it is read, and a missing one is named.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { certificateCredential } from '../../src/tenant/credentials/certificate.ts';
import { cloudOf } from '../../src/tenant/clouds.ts';

const dir = mkdtempSync(join(tmpdir(), 'certificate-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spec = (certificatePath: string) => ({ kind: 'certificate' as const, tenantId: '00000000-0000-0000-0000-000000000001', clientId: '00000000-0000-0000-0000-000000000002', certificatePath });

test('a certificate file larger than any certificate is refused by its size, and a missing one is named', () => {
  const huge = join(dir, 'huge.pem');
  writeFileSync(huge, '-----BEGIN CERTIFICATE-----\n');
  truncateSync(huge, 4 * 1024 * 1024 * 1024); // sparse: 4 GiB that would have been read whole
  expect(() => certificateCredential(spec(huge), cloudOf('global'))).toThrow(`certificate ${huge}: larger than 1 MiB, not a certificate`);
  const missing = join(dir, 'missing.pem');
  expect(() => certificateCredential(spec(missing), cloudOf('global'))).toThrow(`certificate ${missing}: no such file`);
});
