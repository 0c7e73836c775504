/**
 * A replace shows the stated properties that differ as the kind compares them, and marks only
 * those that force it: a channel whose membership type changes, whose stated members the tenant
 * has already (with more), shows the type as forcing the replace and no members line (before, the
 * whole members list read `[kept…] -> [stated] # forces replacement`); a member the tenant lacks
 * is a name to add, not forcing. A saved plan's replace without `changes` (written before they
 * were added) still renders key by key. Pure values.
 */
import { expect, test } from 'vitest';
import { channelAddress } from '../../src/kinds/channel/model.ts';
import { teamAddress } from '../../src/kinds/team/model.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import type { Observed, ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import type { Plan } from '../../src/model/plan.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';

const D = '@contoso.onmicrosoft.com';
const address = channelAddress(teamAddress('site[/sites/a]'), 'Ledning');
const planOf = (members: string[]) => {
  const resource: AnyDesiredResource = { kind: 'channel', address, props: { displayName: 'Ledning', membershipType: 'shared', owners: [`erik${D}`], members } };
  const observed: Observed = new Map<string, ObservedState>([
    [address, { status: 'present', id: 'c1', ids: {}, props: { displayName: 'Ledning', membershipType: 'private', owners: [`erik${D}`], members: [`erik${D}`, `lena${D}`] } }],
  ]);
  return buildPlan({ file: 'b.yaml', resources: [resource] }, observed, KIND_RULES, { tenant: 't', now: '2026-12-07T00:00:00.000Z' });
};

test('a replace marks the property that forces it and leaves out what the tenant already satisfies', () => {
  const plan = planOf([`lena${D}`]);
  const change = plan.changes[0]!;
  expect(change.action).toBe('replace');
  expect(change.action === 'replace' && change.changes).toEqual([{ name: 'membershipType', before: 'private', after: 'shared', forcesReplacement: true }]);
  const text = renderPlanText(plan, { color: false });
  expect(text).toContain('      ~ membershipType = "private" -> "shared" # forces replacement');
  expect(text).not.toMatch(/~ members =/);
});

test('a member the tenant lacks is a name to add on the replace, not a forcing change', () => {
  const text = renderPlanText(planOf([`lena${D}`, `per${D}`]), { color: false });
  expect(text).toContain('      ~ members = [\n          + "per@contoso.onmicrosoft.com"\n');
  expect(text).not.toMatch(/~ members = .*forces replacement/);
});

test('a saved replace without its changes renders key by key, as before', () => {
  const plan = planOf([`lena${D}`]);
  const old = { ...plan, changes: plan.changes.map((c) => (c.action === 'replace' ? { ...c, changes: undefined } : c)) } as Plan;
  expect(renderPlanText(old, { color: false })).toContain('~ membershipType = "private" -> "shared" # forces replacement');
});
