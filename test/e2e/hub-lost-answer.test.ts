/**
 * A hub registration (`_api/site/RegisterHubSite`) whose connection is reset before it ran is not
 * found by the look-up that follows, and is sent again: a site is a hub once (the service refuses
 * a second registration as taken), so a second send cannot make two. Before, the change failed
 * ("not sent again: the next apply looks again") and every site joining the hub was skipped.
 */
import { expect, test } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const blueprint = `version: 1
name: hub-lost
sites:
  - url: /sites/hub-lost
    type: communication
    title: Navet
    owner: anna.andersson@contoso.onmicrosoft.com
    hub:
      title: Navet
      description: Förvaltningens processer.
  - url: /sites/hub-lost-member
    type: communication
    title: Medlem
    owner: anna.andersson@contoso.onmicrosoft.com
    hubSite: /sites/hub-lost
`;

test('a hub registration reset before it ran is sent again: the hub and the site joining it are made in the same run', async () => {
  const desired = await desiredOf(blueprint, 'hub.yaml');
  await withLocalTarget('hub-lost', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { onEvent: (e) => events.push(e) });
    expect(target.localTenant!.stats().faults.byKind.reset).toBe(1);
    expect(events.some((e) => e.type === 'progress' && e.address === 'site[/sites/hub-lost]/hub' && /sending it once more/.test(e.message))).toBe(true);
    expect(result.failed).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults: { plan: [{ request: 'POST /sites/hub-lost/_api/site/RegisterHubSite', fault: 'reset' }] } });
});
