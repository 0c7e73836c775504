/**
 * `runApply` hands out the release of its lock and tenant lease while it holds them (`whileHeld`),
 * so that the CLI's exit at once on a signal frees them first: the lease is taken before the
 * plan, which at 10,000 workspaces reads for minutes, and a lease left behind blocks the next
 * apply on another machine until it expires. Checked against the local tenant: another host
 * cannot take the lease while the run holds it, and can as soon as the handed-out release ran.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tryTakeLease } from '../../src/engine/apply-lease.ts';
import { loadDesired } from '../../src/engine/plan-blueprint.ts';
import { runApply } from '../../src/engine/run-apply.ts';
import { stateDirOf } from '../../src/tenant/target.ts';
import { withLocalTarget } from '../support/apply-run.ts';

const blueprint = `version: 1
name: release-held
sites:
  - url: /sites/release-held
    type: communication
    title: Release held
    owner: anna.andersson@contoso.onmicrosoft.com
`;

test('the release runApply hands out frees the lock and the lease at once, and the run ends the hand-out', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-release-held-'));
  await writeFile(join(cwd, 'b.yaml'), blueprint);
  const load = await loadDesired(join(cwd, 'b.yaml'));
  if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
  const elsewhere = { host: 'another-runner', pid: 1, since: new Date().toISOString(), run: 'another-run' };
  await withLocalTarget(
    'release-held',
    async (target) => {
      const stateDir = stateDirOf(cwd);
      let release: (() => Promise<void>) | undefined;
      let handedBack = false;
      const seen: { lockedBefore?: boolean; takenBefore?: boolean; lockedAfter?: boolean; takenAfter?: boolean } = {};
      const outcome = await runApply({
        tenant: target.client,
        tenantName: target.name,
        stateDir,
        source: { blueprint: load.desired },
        concurrency: 4,
        whileHeld: (r) => {
          release = r;
          return () => (handedBack = true);
        },
        // At the prompt the run holds both: another host is refused; after the release it is not.
        confirm: async () => {
          seen.lockedBefore = existsSync(join(stateDir, 'apply.lock'));
          seen.takenBefore = (await tryTakeLease(target.client.graph, 'release-held', elsewhere, 60_000)).ok;
          await release!();
          seen.lockedAfter = existsSync(join(stateDir, 'apply.lock'));
          const taken = await tryTakeLease(target.client.graph, 'release-held', elsewhere, 60_000);
          seen.takenAfter = taken.ok;
          if (taken.ok) await taken.lease.release();
          return { ok: false, why: 'declined by the test' };
        },
      });
      expect(outcome.status).toBe('declined');
      expect(seen).toEqual({ lockedBefore: true, takenBefore: false, lockedAfter: false, takenAfter: true });
      expect(handedBack).toBe(true);
    },
    undefined,
    cwd,
  );
}, 60_000);
