/**
 * `runApply` hands out the release of its lock and tenant lease while it holds them (`whileHeld`),
 * so that the CLI's exit at once on a signal frees them first: the lease is taken before the
 * plan, which at 10,000 workspaces reads for minutes, and a lease left behind blocks the next
 * apply on another machine until it expires. Checked against the local tenant: another host
 * cannot take the lease while the run holds it, and can as soon as the handed-out release ran;
 * and a release that comes while the lease's write is in flight (the service takes the lease for
 * this run all the same) lets go of it too, and the run stops there.
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
import type { Desired } from '../../src/model/resources.ts';
import type { Target } from '../../src/tenant/target.ts';

const blueprint = `version: 1
name: release-held
sites:
  - url: /sites/release-held
    type: communication
    title: Release held
    owner: anna.andersson@contoso.onmicrosoft.com
`;

/** Another machine's run, as a lease holder. */
const elsewhere = { host: 'another-runner', pid: 1, since: new Date().toISOString(), run: 'another-run' };

/** The blueprint named `name`, loaded from a folder of its own (the run's state folder). */
async function loaded(name: string) {
  const cwd = await mkdtemp(join(tmpdir(), `provision-${name}-`));
  await writeFile(join(cwd, 'b.yaml'), blueprint.replaceAll('release-held', name));
  const load = await loadDesired(join(cwd, 'b.yaml'));
  if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
  return { cwd, desired: load.desired };
}

/** Runs `use` against a local tenant, with the blueprint named `name` loaded in its state folder's parent. */
async function withBlueprint(name: string, use: (target: Target, cwd: string, desired: Desired) => Promise<void>): Promise<void> {
  const { cwd, desired } = await loaded(name);
  await withLocalTarget(name, (target) => use(target, cwd, desired), undefined, cwd);
}

/** The options every run here shares: the blueprint, in its folder, against the target's tenant. */
function runOf(target: Target, cwd: string, desired: Desired) {
  return { tenant: target.client, tenantName: target.name, stateDir: stateDirOf(cwd), source: { blueprint: desired }, concurrency: 4 };
}

test('the release runApply hands out frees the lock and the lease at once, and the run ends the hand-out', async () => {
  await withBlueprint('release-held', async (target, cwd, desired) => {
    const stateDir = stateDirOf(cwd);
    let release: (() => Promise<void>) | undefined;
    let handedBack = false;
    const seen: { lockedBefore?: boolean; takenBefore?: boolean; lockedAfter?: boolean; takenAfter?: boolean } = {};
    const outcome = await runApply({
      ...runOf(target, cwd, desired),
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
  });
}, 60_000);

test('a release that comes while the lease is being taken waits for that request and lets go of what it took', async () => {
  await withBlueprint('release-taking', async (target, cwd, desired) => {
    const stateDir = stateDirOf(cwd);
    const client = target.client;
    let release: (() => Promise<void>) | undefined;
    let releasing: Promise<void> | undefined;
    // The signal lands while the lease's write is on its way: the release starts before the
    // request is sent, and the service takes the lease for this run all the same.
    const isLeaseWrite = (body: unknown) => JSON.stringify(body).includes('\\"lease\\":true');
    const inFlight = <T>(send: () => Promise<T>, body: unknown): Promise<T> => {
      if (!releasing && isLeaseWrite(body)) releasing = release!();
      return send();
    };
    const graph = {
      ...client.graph,
      post: <T>(path: string, body: unknown) => inFlight(() => client.graph.post<T>(path, body), body),
      patch: <T = void>(path: string, body: unknown, headers?: Record<string, string>) => inFlight(() => client.graph.patch<T>(path, body, headers), body),
    };
    let planned = false;
    const outcome = await runApply({
      ...runOf(target, cwd, desired),
      tenant: { ...client, graph },
      whileHeld: (r) => {
        release = r;
        return () => {};
      },
      confirm: async () => {
        planned = true;
        return { ok: false, why: 'declined by the test' };
      },
    });
    expect(releasing).toBeDefined(); // the release came while the lease's write was in flight
    await releasing;
    expect(outcome.status).toBe('released');
    expect(planned).toBe(false);
    expect(existsSync(join(stateDir, 'apply.lock'))).toBe(false);
    // what the write took was let go: another host takes the lease at once
    const taken = await tryTakeLease(client.graph, 'release-taking', elsewhere, 60_000);
    expect(taken.ok).toBe(true);
    if (taken.ok) await taken.lease.release();
  });
}, 60_000);

test('a release that comes while the run waits for another run\'s lease starts no further attempt: the lease, freed later, is not taken', async () => {
  await withBlueprint('release-waiting', async (target, cwd, desired) => {
    const client = target.client;
    const other = await tryTakeLease(client.graph, 'release-waiting', elsewhere, 60_000);
    if (!other.ok) throw new Error('the other run could not take the lease');
    let release: (() => Promise<void>) | undefined;
    let waited = false;
    const outcome = await runApply({
      ...runOf(target, cwd, desired),
      lockTimeoutMs: 20_000,
      whileHeld: (r) => {
        release = r;
        return () => {};
      },
      // told it waits for the other run's lease: the signal lands now, and the other run ends
      notice: (line) => {
        if (!line.includes('holds the tenant lease') || waited) return;
        waited = true;
        void release!().then(() => other.lease.release());
      },
      confirm: async () => ({ ok: false, why: 'declined by the test' }),
    });
    expect(waited).toBe(true); // the release came while the run waited
    expect(outcome.status).toBe('released');
    // the freed lease was not taken by the released run: a third run takes it at once
    const third = await tryTakeLease(client.graph, 'release-waiting', { ...elsewhere, host: 'a-third-runner', run: 'a-third-run' }, 60_000);
    expect(third.ok).toBe(true);
    if (third.ok) await third.lease.release();
  });
}, 60_000);
