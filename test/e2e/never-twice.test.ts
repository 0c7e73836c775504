/**
 * Never create twice: when a create finds its natural key taken (the object was made by a
 * create whose answer was lost, or by a run that was killed), the engine adopts the object
 * instead of failing or making a second one.
 */
import { expect, test } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: never-twice
sites:
  - url: /sites/never-twice
    type: team
    title: Never twice
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - url: Beslut
        title: Beslut
        template: documentLibrary
        columns:
          - { name: CaseNumber, type: text }
`;

test('a create whose object already exists adopts it, and the tenant holds one of each', async () => {
  const desired = await desiredOf(text, 'never-twice.yaml');
  const { target } = await openLocalTarget('twice');
  try {
    const plan = await planDesired(desired, target.client, target.name);
    expect(plan.summary.add).toBe(3);
    // Everything the plan will create gets made behind its back first (as a lost answer would).
    const first = await applyRun(target, plan, { concurrency: 4 });
    expect(first.failed).toEqual([]);

    const events: ApplyEvent[] = [];
    const second = await applyRun(target, plan, { concurrency: 4, onEvent: (e) => events.push(e) });
    expect(second.failed).toEqual([]);
    const adopted = events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address);
    expect(adopted.sort()).toEqual(plan.changes.map((c) => c.address).sort());

    const groups = await target.client.graph.get<{ value: unknown[] }>(`/groups?$filter=mailNickname eq 'never-twice'`);
    expect(groups.value).toHaveLength(1);
    const site = await target.client.graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/never-twice`);
    const lists = await target.client.graph.list<{ name: string }>(`/sites/${site.id}/lists`);
    expect(lists.filter((l) => l.name.startsWith('Beslut'))).toHaveLength(1);

    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  } finally {
    await target.close();
  }
});
