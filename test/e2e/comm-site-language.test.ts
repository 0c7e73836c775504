/**
 * A communication site's language is chosen when it is made and cannot change: a blueprint that
 * states another one for an existing site gets a change the plan marks as not applied (`!`),
 * with why, instead of "No changes"; apply leaves the site's language as it is.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';
import { withTenant } from '../support/tenant-state.ts';

const site = (lcid: number) => `version: 1
name: language
sites:
  - url: /sites/sprak
    type: communication
    title: Språk
    lcid: ${lcid}
    owner: anna.andersson@contoso.onmicrosoft.com
`;

test("a site's language stated otherwise is a change not applied, with why; the site keeps its language", { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-language-'));
  await writeFile(join(cwd, 'bp.yaml'), site(1053));
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(0);
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);
  await writeFile(join(cwd, 'bp.yaml'), site(1033));
  const plan = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain('~ lcid = 1053 -> 1033');
  expect(plan.stdout).toMatch(/! lcid: will not be applied: a site's language is chosen when the site is made and cannot change/);
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(0);
  const language = await withTenant(cwd, async (t) => (await t.client.sp.web(`https://${t.client.sharepointHost}/sites/sprak`).web.select('Language')<{ Language: number }>()).Language);
  expect(language).toBe(1053);
});
