/**
 * Kill -9 at random points, many times: the script form of test/e2e/kill-resume.test.ts (which
 * does 20). Applies the Kalmar example with `provision apply`, kills it with SIGKILL after a
 * random delay, again and again, then applies to the end and checks convergence and that no
 * group, site, list or column exists twice.
 *
 *   npx tsx scripts/kill-resume.ts [--kills 100] [--seed 1]
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openTarget } from '../src/tenant/target.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const root = resolve(import.meta.dirname, '..');
const kills = arg('kills', 100);
let seed = arg('seed', 1);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function provision(cwd: string, args: string[], killAfterMs?: number): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'bin/provision.js'), ...args], { cwd, stdio: 'ignore' });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      done(code);
    });
  });
}

const cwd = await mkdtemp(join(tmpdir(), 'kill-resume-'));
await cp(join(root, 'blueprints/kalmar-teams'), join(cwd, 'kalmar-teams'), { recursive: true });
const blueprint = 'kalmar-teams/blueprint.yaml';
let killedMidway = 0;
for (let i = 0; i < kills; i++) {
  const code = await provision(cwd, ['apply', blueprint, '--yes'], 300 + Math.floor(random() * 2000));
  if (code === null) killedMidway++;
  if ((i + 1) % 10 === 0) console.log(`${i + 1} applies, ${killedMidway} killed before they ended`);
}
const final = await provision(cwd, ['apply', blueprint, '--yes']);
const plan = await provision(cwd, ['plan', blueprint, '--detailed-exitcode']);
const target = await openTarget({ tenant: 'local', cwd });
let twice = 0;
try {
  const groups = await target.client.graph.list<{ id: string; mailNickname: string }>(`/groups?$filter=startswith(mailNickname,'kalmar-')&$select=id,mailNickname&$top=999`);
  twice += groups.length - new Set(groups.map((g) => g.mailNickname.toLowerCase())).size + Math.max(0, groups.length - 60);
  for (const g of groups) {
    const site = await target.client.graph.get<{ id: string }>(`/groups/${g.id}/sites/root`);
    const lists = await target.client.graph.list<{ name: string }>(`/sites/${site.id}/lists?$select=name`);
    twice += Math.max(0, lists.filter((l) => /^Rutiner/.test(l.name)).length - 1);
    const columns = await target.client.graph.list<{ name: string }>(`/sites/${site.id}/lists/Rutiner/columns?$select=name`);
    twice += Math.max(0, columns.filter((c) => /^(DocumentOwner|ReviewDate)/.test(c.name)).length - 2);
  }
} finally {
  await target.close();
}
console.log(`${kills} applies (${killedMidway} killed before they ended); final apply exit ${final}; plan afterwards exit ${plan} (0 = no changes); objects made twice: ${twice}`);
process.exitCode = final === 0 && plan === 0 && twice === 0 ? 0 : 1;
