/**
 * A shared channel with several owners and a private channel with its people, applied from empty
 * (engine in-process, local tenant over HTTP): Graph creates a shared channel with one owner only
 * (more: 400, channel-post), so the engine creates it with its first owner and adds the others
 * and its members right after; the plan after it is empty.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { Target } from '../../src/tenant/target.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const D = '@contoso.onmicrosoft.com';
const text = `version: 1
name: rosters
sites:
  - url: /sites/rosters
    type: team
    title: Rosters
    owners: [anna.andersson${D}]
    team:
      owners: [sara.svensson${D}]
      members: [erik.johansson${D}, maria.karlsson${D}]
      channels:
        - name: Frågor
          membershipType: shared
          owners: [anna.andersson${D}, sara.svensson${D}]
          members: [erik.johansson${D}, lena.pettersson${D}]
        - name: Ledning
          membershipType: private
          owners: [sara.svensson${D}]
          members: [maria.karlsson${D}]
`;

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('channel-rosters'));
});
afterAll(async () => target?.close());

test('a shared channel of two owners is created with one and given the other and its members after; the plan converges', async () => {
  const desired = await desiredOf(text, 'rosters.yaml');
  const plan = await planDesired(desired, target.client, target.name);
  const result = await applyRun(target, plan);
  expect(result.failed).toEqual([]);
  const group = (await target.client.graph.get<{ value: { id: string }[] }>(`/groups?$filter=mailNickname eq 'rosters'&$select=id`)).value[0]!.id;
  const channels = await target.client.graph.list<{ id: string; displayName: string }>(`/teams/${group}/channels`);
  const roster = async (name: string) => {
    const ch = channels.find((c) => c.displayName === name)!;
    const members = await target.client.graph.list<{ email: string; roles: string[] }>(`/teams/${group}/channels/${encodeURIComponent(ch.id)}/members`);
    return Object.fromEntries(members.map((m) => [m.email.toLowerCase().replace(D, ''), m.roles.join() || 'member']));
  };
  expect(await roster('Frågor')).toEqual({ 'anna.andersson': 'owner', 'sara.svensson': 'owner', 'erik.johansson': 'member', 'lena.pettersson': 'member' });
  expect(await roster('Ledning')).toEqual({ 'sara.svensson': 'owner', 'maria.karlsson': 'member' });
  const again = await planDesired(desired, target.client, target.name);
  expect(again.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([]);
  expect(isEmptyPlan(again)).toBe(true);
});
