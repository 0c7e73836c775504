/**
 * scripts/bench/crowd-site-columns.ts makes a copy of an applied tenant whose workspaces' sites
 * hold more columns: the copy starts, its sites list the extra columns through Graph (the hidden
 * half only when `$select` names `hidden`), and the tenant it was copied from is unchanged.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { crowdedTenant } from '../../scripts/bench/crowd-site-columns.ts';
import { client, start, tempDir, type Client } from '../emulator/helpers.ts';

const OWNER = 'admin@contoso.onmicrosoft.com';

async function siteColumns(c: Client, path: string, select: string): Promise<{ name: string; hidden?: boolean }[]> {
  const site = await c.graph('GET', `/sites/contoso.sharepoint.com:${path}?$select=id`);
  return (await c.graph('GET', `/sites/${site.json.id}/columns?$select=${select}`)).json.value;
}

test('the copy of a tenant holds the extra columns on the workspaces asked for; the original does not', async () => {
  const dir = tempDir();
  const stateDir = join(dir, 'tenant', '.provision', 'local-tenant');
  mkdirSync(stateDir, { recursive: true });
  const first = await start(stateDir);
  for (const name of ['bench-00001', 'bench-00002', 'other']) {
    const r = await first.c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: name, Url: `https://contoso.sharepoint.com/sites/${name}`, Owner: OWNER, Lcid: 1033 } });
    expect(r.status).toBe(200);
  }
  const before = (await siteColumns(first.c, '/sites/bench-00001', 'name,hidden')).length;
  await first.t.close();

  const copy = crowdedTenant(dir, 1, 6);
  expect(copy).toBe(join(dir, 'tenant-columns-6'));
  const crowded = await start(join(copy, '.provision', 'local-tenant'));
  try {
    const c = await client(crowded.t);
    const all = await siteColumns(c, '/sites/bench-00001', 'name,hidden');
    expect(all.length).toBe(before + 6);
    expect(all.filter((x) => x.name.startsWith('BuiltIn')).map((x) => [x.name, x.hidden])).toEqual([
      ['BuiltIn000', false], ['BuiltIn001', true], ['BuiltIn002', false], ['BuiltIn003', true], ['BuiltIn004', false], ['BuiltIn005', true],
    ]);
    // without `hidden` in $select, the hidden half is left out, as Graph does
    expect((await siteColumns(c, '/sites/bench-00001', 'name')).filter((x) => x.name.startsWith('BuiltIn')).length).toBe(3);
    // only the workspaces asked for
    expect((await siteColumns(c, '/sites/bench-00002', 'name,hidden')).length).toBe(before);
    expect((await siteColumns(c, '/sites/other', 'name,hidden')).length).toBe(before);
  } finally {
    await crowded.t.close();
  }
  const original = await start(stateDir);
  try {
    expect((await siteColumns(original.c, '/sites/bench-00001', 'name,hidden')).length).toBe(before);
  } finally {
    await original.t.close();
  }
});
