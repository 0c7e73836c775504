/**
 * A create that never gets an answer (issue 8, point 5): a local tenant served by `provision
 * emulator start` holds `POST /groups` open and never answers it. With `--request-timeout 2`,
 * apply finishes in bounded time either way:
 * - the group was committed (`commit-then-hang`): the create is looked up by its mailNickname
 *   and adopted, in the same run;
 * - it was not (`hang`): the create is not sent again (it might still be executed), the change
 *   fails naming the deadline, and the next apply creates it once.
 * Each ends with one group for the nickname and an empty plan; the local tenant's fault counters
 * prove the hang happened. A read that never gets an answer is retried and then makes its
 * resource `unknown`, never absent.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startEmulatorProcess } from '../../scripts/bench/emulator-process.ts';
import { provision, workspaceWith } from '../support/cli.ts';
import { withTenant } from '../support/tenant-state.ts';

const blueprint = `version: 1
name: held-create
sites:
  - url: /sites/held-create
    type: team
    mailNickname: held-create
    title: Held create
    owners: [anna.andersson@contoso.onmicrosoft.com]
`;

async function groupsNamed(cwd: string, nickname: string): Promise<number> {
  return withTenant(cwd, async (t) => (await t.client.graph.get<{ value: unknown[] }>(`/groups?$filter=mailNickname eq '${nickname}'`)).value.length);
}

test.each([
  ['commit-then-hang', 'is committed: apply adopts it in the same run'],
  ['hang', 'is not committed: apply fails that change without resending it, the next apply creates it once'],
] as const)('POST /groups held without an answer (%s) %s', async (fault, _outcome) => {
  const cwd = await workspaceWith('kalmar-teams');
  await writeFile(join(cwd, 'held.yaml'), blueprint);
  await writeFile(join(cwd, 'faults.json'), JSON.stringify({ plan: [{ request: 'POST /groups', fault }] }));
  const tenant = await startEmulatorProcess(cwd, ['--faults', join(cwd, 'faults.json')]);
  try {
    const started = Date.now();
    const first = await provision(cwd, 'apply', 'held.yaml', '--yes', '--request-timeout', '2');
    const seconds = (Date.now() - started) / 1000;
    // The hang happened, once, and the create was not sent a second time.
    const stats = await tenant.stats();
    expect(stats.faults.byKind).toEqual({ [fault]: 1 });
    expect(stats.byOperation['POST /groups'] ?? 0).toBe(fault === 'commit-then-hang' ? 1 : 0);
    // Bounded: the deadline (2 s), not the service, decides when apply goes on.
    expect(seconds).toBeLessThan(45);
    expect(first.stdout + first.stderr).toMatch(/requestTimeout/);

    if (fault === 'commit-then-hang') {
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.stdout + first.stderr).toMatch(/looking it up by its natural key/);
    } else {
      expect(first.code).toBe(1);
      expect(first.stdout).toMatch(/failed\s+site\[\/sites\/held-create\]: no answer requestTimeout: POST https:\/\/graph\.microsoft\.com\/v1\.0\/groups: no answer within 2 s; it may have been executed, so it is not sent again/);
      expect(await groupsNamed(cwd, 'held-create')).toBe(0);
      const second = await provision(cwd, 'apply', 'held.yaml', '--yes', '--request-timeout', '2');
      expect(second.code, second.stdout + second.stderr).toBe(0);
    }
    expect(await groupsNamed(cwd, 'held-create')).toBe(1);
    const again = await provision(cwd, 'plan', 'held.yaml', '--detailed-exitcode');
    expect(again.code, again.stdout).toBe(0);
  } finally {
    await tenant.stop();
  }
}, 180_000);

test('reads the local tenant holds without an answer are retried, then make the resource unknown, not absent', async () => {
  const cwd = await workspaceWith('kalmar-teams');
  await writeFile(join(cwd, 'held.yaml'), blueprint);
  // Every group lookup is held, whether it goes alone or in a $batch.
  await writeFile(join(cwd, 'faults.json'), JSON.stringify({ plan: [{ request: 'GET /groups', count: 0, fault: 'hang' }, { request: 'POST /$batch', count: 0, fault: 'hang' }] }));
  const tenant = await startEmulatorProcess(cwd, ['--faults', join(cwd, 'faults.json')]);
  try {
    const plan = await provision(cwd, 'plan', 'held.yaml', '--detailed-exitcode', '--request-timeout', '1');
    expect(plan.code, plan.stdout + plan.stderr).toBe(1);
    expect(plan.stdout).toMatch(/\? teamSite site\[\/sites\/held-create\]/);
    expect(plan.stdout).toMatch(/requestTimeout/);
    expect(plan.stdout).not.toMatch(/\+ teamSite/);
    // The group lookup was sent three times (two retries), each held.
    const stats = await tenant.stats();
    expect(stats.faults.byKind.hang).toBeGreaterThanOrEqual(3);
  } finally {
    await tenant.stop();
  }
}, 180_000);

test('a create the service runs after the client gave up (hang-then-commit) is never made twice: sent again after a lookup that missed it, the late one is refused as taken', async () => {
  const cwd = await workspaceWith('kalmar-teams');
  await writeFile(
    join(cwd, 'late.yaml'),
    `version: 1
name: late-create
sites:
  - url: /sites/late-create
    type: communication
    title: Late create
    owner: anna.andersson@contoso.onmicrosoft.com
    permissions:
      groups:
        - { name: Sent late, owner: anna.andersson@contoso.onmicrosoft.com, members: [sara.svensson@contoso.onmicrosoft.com] }
`,
  );
  // The group's create is held unanswered and runs half a second after the client's deadline.
  await writeFile(join(cwd, 'faults.json'), JSON.stringify({ plan: [{ request: 'POST /sites/late-create/_api/web/sitegroups', fault: 'hang-then-commit' }] }));
  const tenant = await startEmulatorProcess(cwd, ['--faults', join(cwd, 'faults.json')]);
  try {
    const first = await provision(cwd, 'apply', 'late.yaml', '--yes', '--request-timeout', '2', '--progress', 'lines');
    expect((await tenant.stats()).faults.byKind).toEqual({ 'hang-then-commit': 1 });
    expect(first.stdout + first.stderr).toMatch(/requestTimeout/);
    // the lookup right after the deadline missed it, and the create went again
    expect(first.stdout + first.stderr).toMatch(/group\[Sent late\]: not found by its natural key, so the create did not take: sending it once more/);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // the late create did run (the local tenant counts it once it has), after the second send
    // made the group (created, not adopted): the service refused it as taken
    let lateRuns = 0;
    for (let waited = 0; waited < 10_000 && lateRuns === 0; waited += 250) {
      lateRuns = (await tenant.stats()).byOperation['SP POST web/sitegroups (ran late)'] ?? 0;
      if (lateRuns === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(lateRuns).toBe(1);
    expect(first.stdout + first.stderr).toMatch(/group\[Sent late\]: created/);
    // one group of the name, with its member
    const groups = await withTenant(cwd, async (t) => {
      const web = `https://${t.client.sharepointHost}/sites/late-create`;
      const all = (await t.client.sp.query(web, '_api/web/siteGroups').select('Title', 'Id')()) as { Title: string; Id: number }[];
      const named = all.filter((g) => g.Title.toLowerCase().startsWith('sent late'));
      const users = named.length === 1 ? ((await t.client.sp.query(web, `_api/web/siteGroups(${named[0]!.Id})/users`).select('UserPrincipalName')()) as { UserPrincipalName: string }[]) : [];
      return { named: named.map((g) => g.Title), users: users.map((u) => u.UserPrincipalName.toLowerCase()) };
    });
    expect(groups).toEqual({ named: ['Sent late'], users: ['sara.svensson@contoso.onmicrosoft.com'] });
    const again = await provision(cwd, 'plan', 'late.yaml', '--detailed-exitcode');
    expect(again.code, again.stdout).toBe(0);
  } finally {
    await tenant.stop();
  }
}, 180_000);
