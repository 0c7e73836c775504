/**
 * A content type's column link is added by one Graph POST each (`/sites/{id}/contentTypes/{id}/
 * columns`). A link whose add lost its connection is sent again (reconcileLinks: the add sets a
 * state, and the service refuses a second link of the same column); one whose add took but whose
 * answer was lost is met by the resend as already there (409) and read instead. Before, either
 * failed the content type's change (its finishing after adoption too), and the lists using it were
 * skipped. Each case proves its fault was injected; both converge.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { ApplyEvent } from '../../src/apply/events.ts';
import type { LocalBehaviour, Target } from '../../src/tenant/target.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const blueprint = `version: 1
name: ct-link-lost
columns:
  caseNumber: { name: CtLostCase, type: text }
contentTypes:
  decision: { name: CtLost Decision, parent: Document, columns: [{ use: caseNumber, required: true }] }
sites:
  - url: /sites/ct-link-lost
    type: communication
    title: CT link lost
    owner: anna.andersson@contoso.onmicrosoft.com
    columns: [{ use: caseNumber }]
    contentTypes: [{ use: decision }]
`;
const LINK_ADD = 'POST /sites/*/contentTypes/*/columns';

async function linked(faults: LocalBehaviour['faults'], prefix: string, kind: string, times: number, check?: (events: ApplyEvent[], stats: ReturnType<NonNullable<Target['localTenant']>['stats']>) => void) {
  const desired = await desiredOf(blueprint, 'ct.yaml');
  await withLocalTarget(prefix, async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { onEvent: (e) => events.push(e) });
    const stats = target.localTenant!.stats();
    check?.(events, stats);
    expect(stats.faults.byKind[kind]).toBe(times);
    expect(result.failed).toEqual([]);
    const site = await target.client.graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/ct-link-lost?$select=id`);
    const types = await target.client.graph.list<{ id: string; name: string }>(`/sites/${site.id}/contentTypes?$select=id,name`);
    const type = types.find((t) => t.name === 'CtLost Decision')!;
    const columns = await target.client.graph.list<{ name: string; required: boolean }>(`/sites/${site.id}/contentTypes/${type.id}/columns?$select=name,required`);
    expect(columns.filter((c) => c.name === 'CtLostCase')).toEqual([{ name: 'CtLostCase', required: true }]);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults });
}

test('a link add whose connection is reset twice is sent again: the content type is linked in the same run', async () => {
  await linked({ plan: [{ request: LINK_ADD, count: 2, fault: 'reset' }] }, 'ct-link-reset', 'reset', 2);
});

test('a link add that took but lost its answer: the add sent again is told the link is there, and reads it', async () => {
  await linked({ plan: [{ request: LINK_ADD, fault: 'commit-then-reset' }] }, 'ct-link-committed', 'commit-then-reset', 1, (events, stats) => {
    // the add was sent twice (the second refused: the link was there), and the type's create
    // finished in itself: nothing adopted
    const op = 'POST /sites/{id}/contentTypes/{id}/columns';
    expect((stats.byOperation[op] ?? 0) + (stats.batchedByOperation[op] ?? 0)).toBe(2);
    expect(events.filter((e) => e.type === 'succeeded' && e.adopted)).toEqual([]);
  });
});
