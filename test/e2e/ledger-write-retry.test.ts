/**
 * Items of the tenant's ownership list an apply writes are written again when a write gets a
 * passing refusal (a 503 without Retry-After) or no clear answer (the connection dropped):
 * - the apply lease (the root site's `<blueprint> lease` item, the run's first item write):
 *   before, such an answer ended the apply at once with the service's words alone ("error: The
 *   service is temporarily unavailable");
 * - the intent a create waits for (its ownership record on its site): before, it failed the
 *   create ("not created: its ownership could not be recorded first") and every create waiting
 *   on the same write.
 * The local tenant refuses one item write and drops the next; the apply succeeds, what it made
 * is owned (a blueprint that drops the list prunes it), and the plans converge.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { LocalBehaviour } from '../../src/tenant/target.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const blueprint = (withList: boolean) => `version: 1
name: ledger-retry
prune: [list]
sites:
  - url: /sites/ledger-retry
    type: communication
    title: Ledger retry
    owner: anna.andersson@contoso.onmicrosoft.com
${withList ? '    lists:\n      - { url: Avtal, title: Avtal och mer, template: documentLibrary }\n' : ''}`;

// The run's item writes in order: the lease (the 1st until it is made), then the site's ownership record.
const itemWrites = (first: number): LocalBehaviour['faults'] => ({
  plan: [
    { request: 'POST /sites/*/lists/*/items', nth: first, fault: '503' },
    { request: 'POST /sites/*/lists/*/items', nth: first + 1, fault: 'reset' },
  ],
});

test.each([
  ['the apply lease', 1],
  ['an ownership record', 2],
])('%s whose write was refused in passing or lost is written again, and the apply goes ahead', async (_what, first) => {
  const faults = itemWrites(first);
  await withLocalTarget('ledger-retry', async (target) => {
    const desired = await desiredOf(blueprint(true), 'b.yaml');
    const result = await applyRun(target, await planDesired(desired, target.client, target.name));
    // the event happened: the ledger's item writes were refused, then lost
    expect(target.localTenant!.stats().faults.byKind).toMatchObject({ '503': 1, reset: 1 });
    expect(result.failed).toEqual([]);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
    // owned: the blueprint that drops the list prunes it
    const dropped = await planDesired(await desiredOf(blueprint(false), 'b.yaml'), target.client, target.name);
    expect(dropped.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual(['delete site[/sites/ledger-retry]/list[Avtal]']);
  }, { faults });
});
