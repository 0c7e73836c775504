/**
 * An apply killed with SIGKILL at random points, again and again, always converges on the next
 * run, with no duplicate group, site, list or column: the plan is made from a fresh read, every
 * create adopts an object whose natural key is taken, and the local tenant keeps every write
 * it acknowledged. The journal reports the interrupted run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision, repoRoot, workspaceWith } from '../support/cli.ts';
import { withTenant } from '../support/tenant-state.ts';

const KILLS = 20;

function applyAndKill(cwd: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'apply', 'kalmar-teams/blueprint.yaml', '--yes'], { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

test(`${KILLS} applies killed at random points, then one to the end: converged, nothing twice`, async () => {
  const cwd = await workspaceWith('kalmar-teams');
  // A fixed sequence of "random" points, so that a failure can be replayed.
  let seed = 20261123;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < KILLS; i++) await applyAndKill(cwd, 400 + Math.floor(random() * 1800));

  const final = await provision(cwd, 'apply', 'kalmar-teams/blueprint.yaml', '--yes');
  expect(final.code, final.stdout + final.stderr).toBe(0);
  const again = await provision(cwd, 'plan', 'kalmar-teams/blueprint.yaml', '--detailed-exitcode');
  expect(again.code, again.stdout).toBe(0);

  await withTenant(cwd, async (t) => {
    const groups = await t.client.graph.list<{ mailNickname: string; id: string }>(`/groups?$filter=startswith(mailNickname,'kalmar-')&$select=id,mailNickname&$top=999`);
    expect(groups).toHaveLength(60);
    expect(new Set(groups.map((g) => g.mailNickname.toLowerCase())).size).toBe(60);
    for (const g of groups.slice(0, 60)) {
      const site = await t.client.graph.get<{ id: string; webUrl: string }>(`/groups/${g.id}/sites/root`);
      expect(new URL(site.webUrl).pathname).toBe(`/sites/${g.mailNickname}`);
      const lists = await t.client.graph.list<{ name: string }>(`/sites/${site.id}/lists?$select=name`);
      expect(lists.filter((l) => /^Rutiner/.test(l.name)).map((l) => l.name)).toEqual(['Rutiner']);
      const columns = await t.client.graph.list<{ name: string }>(`/sites/${site.id}/lists/Rutiner/columns?$select=name`);
      expect(columns.filter((c) => c.name.startsWith('DocumentOwner') || c.name.startsWith('ReviewDate')).map((c) => c.name).sort()).toEqual(['DocumentOwner', 'ReviewDate']);
    }
  });
}, 300_000);
