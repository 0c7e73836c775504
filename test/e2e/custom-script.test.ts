/**
 * Rule 4 of "works on a real tenant", through the real CLI against a local tenant served by this
 * process (so that the test can move its clock): modern sites deny custom script, so a property
 * bag write needs it allowed. The plan says which change needs it and on which site; apply
 * without --allow-custom-script refuses before changing anything, naming the flag and the site;
 * with it, apply allows custom script on exactly that site (the tenant admin API) and converges;
 * the ownership ledger (a hidden list) works on sites that deny custom script; 24 simulated
 * hours later the site denies it again and the next plan shows the need again.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startLocalTenant, type LocalTenant } from '../../src/emulator/index.ts';
import { certificateToken, client, type Client } from '../emulator/helpers.ts';
import { provision } from '../support/cli.ts';

const DAY = 24 * 60 * 60 * 1000;
const OWNER = 'anna.andersson@contoso.onmicrosoft.com';

let cwd: string;
let t: LocalTenant;
let c: Client;
let admin: Record<string, string>;

function blueprint(value: string): string {
  return `version: 1
name: noscript
sites:
  - url: /sites/ns-entry
    type: communication
    title: Ingång
    owner: ${OWNER}
    settings:
      timeZoneId: 4
      propertyBag: { botkyrka.forvaltning: "${value}" }
  - url: /sites/ns-other
    type: communication
    title: Annan
    owner: ${OWNER}
    lists:
      - { url: Dokument, template: documentLibrary }
`;
}

interface PlanChange {
  address: string;
  action: string;
  customScript?: { site: string; reason: string };
}

async function plan(): Promise<PlanChange[]> {
  const r = await provision(cwd, 'plan', 'noscript.yaml', '--json');
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { changes: PlanChange[] }).changes.filter((ch) => ch.action !== 'noop');
}

async function siteId(path: string): Promise<string | undefined> {
  const r = await c.sp('GET', `${path}/_api/site?$select=Id`);
  return r.status === 200 ? (r.json.Id as string) : undefined;
}

const denyOf = async (path: string) => (await c.sp('GET', `/_api/SPO.Tenant/sites('${await siteId(path)}')?$select=DenyAddAndCustomizePages`, undefined, admin)).json.DenyAddAndCustomizePages;
const bagValue = async (path: string) => (await c.sp('GET', `${path}/_api/web/AllProperties`)).json.botkyrka_x002e_forvaltning;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'provision-noscript-'));
  t = await startLocalTenant({ stateDir: join(cwd, '.provision', 'local-tenant') });
  c = await client(t);
  admin = { 'x-forwarded-host': 'contoso-admin.sharepoint.com', authorization: `Bearer ${(await certificateToken(t, 'https://contoso-admin.sharepoint.com/.default')).json.access_token as string}` };
});
afterAll(async () => t?.close());

test('property bag on a new modern site: the plan names the need, apply refuses without the flag, allows custom script on that site with it, converges; a day later the need is back', async () => {
  await writeFile(join(cwd, 'noscript.yaml'), blueprint('SBF'));
  const first = await plan();
  const marked = first.filter((ch) => ch.customScript);
  expect(marked).toEqual([expect.objectContaining({ address: 'site[/sites/ns-entry]/settings', action: 'create', customScript: expect.objectContaining({ site: '/sites/ns-entry' }) })]);
  expect(marked[0]!.customScript!.reason).toContain('DenyAddAndCustomizePages');
  const text = await provision(cwd, 'plan', 'noscript.yaml');
  expect(text.stdout).toContain('!! NEEDS CUSTOM SCRIPT on /sites/ns-entry');
  expect(text.stdout).toContain('apply refuses it without --allow-custom-script');

  // without the flag: refused before anything is changed
  const refused = await provision(cwd, 'apply', 'noscript.yaml', '--yes');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('Refusing to apply: 1 change needs custom script allowed');
  expect(refused.stderr).toContain('site[/sites/ns-entry]/settings');
  expect(refused.stderr).toContain('Pass --allow-custom-script');
  expect(await siteId('/sites/ns-entry')).toBeUndefined();
  expect(await siteId('/sites/ns-other')).toBeUndefined();

  // with the flag: allowed on exactly that site, right before the write; converged
  const applied = await provision(cwd, 'apply', 'noscript.yaml', '--yes', '--allow-custom-script');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect(applied.stdout).toMatch(/0 failed, 0 pending, 0 skipped/);
  expect(await bagValue('/sites/ns-entry')).toBe('SBF');
  expect(await denyOf('/sites/ns-entry')).toBe(1);
  expect(await denyOf('/sites/ns-other')).toBe(2);
  const again = await provision(cwd, 'plan', 'noscript.yaml', '--detailed-exitcode');
  expect(again.code, again.stdout + again.stderr).toBe(0);
  // the ownership ledger is a hidden list: it works on the site that still denies custom script
  const other = await c.graph('GET', `/sites/contoso.sharepoint.com:/sites/ns-other`);
  const ledger = await c.graph('GET', `/sites/${other.json.id as string}/lists/m365provision/items?$expand=fields`);
  expect(ledger.status).toBe(200);
  expect(JSON.stringify(ledger.json.value)).toContain('site[/sites/ns-other]/list[Dokument]');

  // within the day the site still allows it: a changed value needs no consent
  await writeFile(join(cwd, 'noscript.yaml'), blueprint('Samhällsbyggnad'));
  expect((await plan()).map((ch) => [ch.address, ch.customScript])).toEqual([['site[/sites/ns-entry]/settings', undefined]]);

  // 24 simulated hours later the service has denied it again: the plan shows the need again
  t.advanceClock(DAY);
  expect(await denyOf('/sites/ns-entry')).toBe(2);
  const later = await plan();
  expect(later).toEqual([expect.objectContaining({ address: 'site[/sites/ns-entry]/settings', action: 'update', customScript: expect.objectContaining({ site: '/sites/ns-entry' }) })]);
  expect(later[0]!.customScript!.reason).toContain('the site denies it');
  expect((await provision(cwd, 'apply', 'noscript.yaml', '--yes')).code).toBe(1);
  expect(await bagValue('/sites/ns-entry')).toBe('SBF');
  const second = await provision(cwd, 'apply', 'noscript.yaml', '--yes', '--allow-custom-script');
  expect(second.code, second.stdout + second.stderr).toBe(0);
  expect(await bagValue('/sites/ns-entry')).toBe('Samhällsbyggnad');
  expect((await provision(cwd, 'plan', 'noscript.yaml', '--detailed-exitcode')).code).toBe(0);
}, 240_000);
