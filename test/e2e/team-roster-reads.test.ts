/**
 * A team's owners and members are read on its group (issue 12: Teams' window of 30 calls a
 * second bounds a plan's real time): a plan of applied teams reads no `/teams/{id}/members`; the
 * owners come with the group's lookup (`$expand=owners`, shared through the read memo with the
 * team's members), and the group's members are read once a team, only for a user who is not an
 * owner; and a team that states no setting is read through its channels alone (one Teams call a
 * team, not two). Counted from the local tenant's operations; a member removed behind the engine's back is
 * drift the plan shows and apply restores, and the plan after it is empty. A group without a team:
 * its channels' read answers 404, so the team is planned as a create, with no `GET /teams/{id}`.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { teamSitesBlueprint } from '../support/team-sites-blueprint.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import type { Target } from '../../src/tenant/target.ts';

const SITES = 6;
const ERIK = 'erik.johansson@contoso.onmicrosoft.com';
const text = teamSitesBlueprint({ name: 'team-roster', prefix: 'tr', title: 'Roster', count: SITES, extra: `    team:\n      members: [${ERIK}]\n` });

/** Requests of one operation, alone or inside `$batch`. */
const count = (t: Target, op: string): number => {
  const s = t.localTenant!.stats();
  return (s.byOperation[op] ?? 0) + (s.batchedByOperation[op] ?? 0);
};

test("a plan reads team members on the group and a team through its channels: one Teams call a team", async () => {
  const desired = await desiredOf(text, 'team-roster.yaml');
  await withLocalTarget('team-roster', async (t) => {
    expect((await applyRun(t, await planDesired(desired, t.client, t.name))).failed).toEqual([]);

    const ops = ['GET /teams/{id}/members', 'GET /groups/{id}/owners', 'GET /groups/{id}/members', 'GET /teams/{id}', 'GET /teams/{id}/channels'];
    const before = ops.map((op) => count(t, op));
    const plan = await planDesired(desired, t.client, t.name);
    expect(isEmptyPlan(plan)).toBe(true);
    expect(plan.changes.filter((c) => c.kind === 'teamMember')).toHaveLength(2 * SITES); // anna (owner) and erik, each team
    const [teamsMembers, owners, members, teams, channels] = ops.map((op, i) => count(t, op) - before[i]!);
    expect(teamsMembers).toBe(0);
    expect(owners).toBe(0);
    expect(members).toBe(SITES);
    // A team whose blueprint states no setting is known to exist from its channels' read: one Teams call a team.
    expect(teams).toBe(0);
    expect(channels).toBe(SITES);

    // Erik removed from one team's group behind the engine's back: drift, restored, converged.
    const group = await t.client.graph.get<{ value: { id: string }[] }>(`/groups?$filter=mailNickname eq 'tr-3'&$select=id`);
    const erik = await t.client.graph.get<{ id: string }>(`/users/${ERIK}?$select=id`);
    await t.client.graph.delete(`/groups/${group.value[0]!.id}/members/${erik.id}/$ref`);
    const drift = await planDesired(desired, t.client, t.name);
    expect(drift.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([`create site[/sites/tr-3]/team/member[${ERIK}]`]);
    expect((await applyRun(t, drift)).failed).toEqual([]);
    expect(isEmptyPlan(await planDesired(desired, t.client, t.name))).toBe(true);
  });
}, 120_000);

test("a group without a team: its channels' read answers 404, the team is planned as a create, and apply converges", async () => {
  const one = teamSitesBlueprint({ name: 'team-roster-1', prefix: 'tr1', title: 'Roster one', count: 1, extra: `    team:\n      members: [${ERIK}]\n` });
  const desired = await desiredOf(one, 'team-roster-1.yaml');
  await withLocalTarget('team-roster-1', async (t) => {
    // Only the team site (its group and site): no team yet.
    const siteOnly = desired.resources.filter((r) => !r.address.includes('/team'));
    expect((await applyRun(t, await planDesired({ ...desired, resources: siteOnly }, t.client, t.name))).failed).toEqual([]);
    const channelsBefore = count(t, 'GET /teams/{id}/channels');
    const teamReadsBefore = count(t, 'GET /teams/{id}');
    const plan = await planDesired(desired, t.client, t.name);
    // The team's existence was asked of its channels (and found absent), not of /teams/{id}.
    expect(count(t, 'GET /teams/{id}/channels') - channelsBefore).toBe(1);
    expect(count(t, 'GET /teams/{id}') - teamReadsBefore).toBe(0);
    expect(plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.kind}`)).toEqual(expect.arrayContaining(['create team']));
    expect(plan.changes.find((c) => c.kind === 'teamSite')?.action).toBe('noop');
    expect((await applyRun(t, plan)).failed).toEqual([]);
    expect(isEmptyPlan(await planDesired(desired, t.client, t.name))).toBe(true);
  });
}, 120_000);
