/** The live suite's choice of target: a real tenant only when asked for and fully configured. */
import { expect, test } from 'vitest';
import { liveTarget, missingLiveSettings, runPrefix } from './live-target.ts';

const full = { PROVISION_LIVE_TENANT: 'contoso', PROVISION_LIVE_OWNER: 'admin@contoso.onmicrosoft.com', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem' };

test('a real tenant only with PROVISION_LIVE_RUN=real and every setting; the local tenant otherwise, saying why', () => {
  expect(liveTarget({ ...full, PROVISION_LIVE_RUN: 'real' })).toMatchObject({ kind: 'real', tenantArg: 'contoso', owner: 'admin@contoso.onmicrosoft.com' });
  expect(liveTarget(full)).toMatchObject({ kind: 'local', why: expect.stringContaining('not asked for') });
  const { AZURE_CLIENT_CERTIFICATE_PATH: _c, ...noCredential } = full;
  expect(liveTarget({ ...noCredential, PROVISION_LIVE_RUN: 'real' })).toMatchObject({ kind: 'local', why: expect.stringContaining('a credential') });
  expect(missingLiveSettings({})).toEqual(expect.arrayContaining(['PROVISION_LIVE_TENANT', 'PROVISION_LIVE_OWNER', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID']));
});

test('run prefixes are valid site URL segments and mailNicknames, and differ between runs', () => {
  const a = runPrefix(1_800_000_000_000, 0.1);
  expect(a).toMatch(/^[a-z0-9]{4,20}$/);
  expect(runPrefix(1_800_000_000_000, 0.9)).not.toBe(a);
});
