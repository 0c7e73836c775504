/**
 * A private channel of more than 200 people, applied from empty (engine in-process, local tenant
 * over HTTP): Graph takes at most 200 members in a private channel's create ("Create channel"),
 * so the engine creates it with the first 200 and adds the rest right after; the plan after it is
 * empty. The directory is grown through Graph's `POST /users` first (the seed holds 121 people),
 * and the local tenant's own 400 for a create of 201 is shown in the same tenant, so the test
 * cannot pass by a rule that is not there.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_APP_ROLES } from '../../src/emulator/auth.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { Target } from '../../src/tenant/target.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const D = '@contoso.onmicrosoft.com';
const PEOPLE = 205;
const aliases = Array.from({ length: PEOPLE }, (_, i) => `roster${String(i + 1).padStart(3, '0')}`);
const list = (names: string[]) => `[${names.map((n) => `${n}${D}`).join(', ')}]`;
const text = `version: 1
name: big-roster
sites:
  - url: /sites/big-roster
    type: team
    title: Big roster
    owners: [anna.andersson${D}]
    team:
      owners: [sara.svensson${D}]
      members: ${list(aliases)}
      channels:
        - name: Alla
          membershipType: private
          owners: [sara.svensson${D}]
          members: ${list(aliases)}
`;

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('private-roster', { timeScale: 20, appRoles: { graph: [...DEFAULT_APP_ROLES.graph, 'User.ReadWrite.All'] } }));
  for (const alias of aliases) {
    await target.client.graph.post('/users', {
      accountEnabled: true,
      displayName: `Roster ${alias}`,
      mailNickname: alias,
      userPrincipalName: `${alias}${D}`,
      passwordProfile: { password: 'Rost3r!pass-word' },
    });
  }
}, 120_000);
afterAll(async () => target?.close());

test('a private channel of 206 people is created with 200 and given the rest after; the plan converges', async () => {
  const desired = await desiredOf(text, 'big-roster.yaml');
  const plan = await planDesired(desired, target.client, target.name);
  const result = await applyRun(target, plan);
  expect(result.failed).toEqual([]);
  const group = (await target.client.graph.get<{ value: { id: string }[] }>(`/groups?$filter=mailNickname eq 'big-roster'&$select=id`)).value[0]!.id;
  const channel = (await target.client.graph.list<{ id: string; displayName: string }>(`/teams/${group}/channels`)).find((c) => c.displayName === 'Alla')!;
  const members = await target.client.graph.list<{ email: string; roles: string[] }>(`/teams/${group}/channels/${encodeURIComponent(channel.id)}/members`);
  expect(members).toHaveLength(PEOPLE + 1);
  expect(members.filter((m) => m.roles.includes('owner')).map((m) => m.email.toLowerCase())).toEqual([`sara.svensson${D}`]);
  expect(new Set(members.map((m) => m.email.toLowerCase()))).toEqual(new Set([`sara.svensson${D}`, ...aliases.map((a) => `${a}${D}`)]));
  // the rule the split answers: a create carrying 201 people is refused here, as on the service
  const people = [`sara.svensson${D}`, ...aliases.slice(0, 200).map((a) => `${a}${D}`)];
  const bind = (upn: string, owner: boolean) => ({ '@odata.type': '#microsoft.graph.aadUserConversationMember', 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${upn}')`, roles: owner ? ['owner'] : [] });
  await expect(
    target.client.graph.post(`/teams/${group}/channels`, { displayName: 'För många', membershipType: 'private', members: people.map((upn, i) => bind(upn, i === 0)) }),
  ).rejects.toMatchObject({ status: 400 });
  const again = await planDesired(desired, target.client, target.name);
  expect(again.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([]);
  expect(isEmptyPlan(again)).toBe(true);
}, 180_000);
