/**
 * Principals are resolved at plan time: a blueprint naming users the directory does not have
 * fails the plan with every one of them listed at its blueprint position and address (a likely
 * typo with the directory's closest name), and apply refuses before changing anything.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

const blueprint = `version: 1
name: principals
sites:
  - url: /sites/plan-a
    type: team
    title: Plan A
    owners:
      - anna.andersson@contoso.onmicrosoft.com
      - nobody.here@contoso.onmicrosoft.com
  - url: /sites/plan-b
    type: communication
    title: Plan B
    owner: anna.andersson@contoso.onmicrosoft.com
    permissions:
      groups:
        - name: Handläggare
          members: [ghost.user@contoso.onmicrosoft.com, anna.andersson@contoso.onmicrosoft.com, per.gustafson@contoso.onmicrosoft.com]
`;

test('users the blueprint names but the tenant lacks are all errors of the plan, with positions; apply changes nothing', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-principals-'));
  await writeFile(join(cwd, 'bp.yaml'), blueprint);

  const plan = await provision(cwd, 'plan', 'bp.yaml');
  expect(plan.code, plan.stderr).toBe(1);
  expect(plan.stderr).toMatch(/^bp\.yaml:4:\d+ error PR101 \[site\[\/sites\/plan-a\]\] owner 'nobody\.here@contoso\.onmicrosoft\.com' does not exist/m);
  expect(plan.stderr).toMatch(/^bp\.yaml:1[5-7]:\d+ error PR101 \[site\[\/sites\/plan-b\]\/group\[Handläggare\]\] group member 'ghost\.user@contoso\.onmicrosoft\.com' does not exist/m);
  // a likely typo gets the directory's closest name; a name nothing is near gets none
  expect(plan.stderr).toMatch(/error PR101 \[site\[\/sites\/plan-b\]\/group\[Handläggare\]\] group member 'per\.gustafson@contoso\.onmicrosoft\.com' does not exist in the tenant's directory: did you mean 'per\.gustafsson@contoso\.onmicrosoft\.com'\?/);
  expect(plan.stderr).not.toMatch(/nobody\.here.*did you mean/);
  expect(plan.stderr).not.toMatch(/ghost\.user.*did you mean/);
  expect(plan.stderr).toContain('3 errors; nothing was changed in the tenant.');
  // Anna exists: never reported.
  expect(plan.stderr).not.toMatch(/anna\.andersson.*does not exist/);
  expect(plan.stdout).toBe('');

  const apply = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(apply.code).toBe(1);
  expect(apply.stderr).toContain("'nobody.here@contoso.onmicrosoft.com' does not exist");
  expect(apply.stderr).toContain("'ghost.user@contoso.onmicrosoft.com' does not exist");
  await withTenant(cwd, async (t) => {
    expect(await siteByPath(t, '/sites/plan-a')).toBeUndefined();
    expect(await siteByPath(t, '/sites/plan-b')).toBeUndefined();
  });

  // With the users fixed, the same blueprint plans, applies and converges.
  await writeFile(
    join(cwd, 'bp.yaml'),
    blueprint.replace('nobody.here@', 'per.gustafsson@').replace('ghost.user@', 'sara.svensson@').replace('per.gustafson@', 'per.gustafsson@'),
  );
  const fixed = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
  const again = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(again.code, again.stdout).toBe(0);
});
