/**
 * Teams kinds end to end (engine in-process, local tenant over HTTP): apply from empty, then one
 * stated property per kind changed (a team setting, a channel description, a tab URL, a member
 * added) gives exactly that change and converges; a channel's membershipType change is planned
 * and not applied (a channel of the new type under another name takes its place); pruning a
 * member; the last owner is asked for only with --allow-remove-last-owner, and the service keeps it;
 * a member promoted and demoted on the team's group; a standard channel pruned only with
 * --allow-delete-content (its conversations go with it). Every apply ends with an empty plan.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { DestructiveFlag } from '../../src/model/change.ts';
import type { Plan } from '../../src/model/plan.ts';
import type { Desired } from '../../src/model/resources.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { parsePlanJson, renderPlanJson } from '../../src/plan/render-json.ts';
import { checkSavedPlan } from '../../src/engine/apply-saved-plan.ts';
import type { Target } from '../../src/tenant/target.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const D = '@contoso.onmicrosoft.com';
const SITE = 'site[/sites/teams-e2e]';

function blueprint(o: { giphy?: boolean; projectDescription?: string; tabUrl?: string; members?: string[]; ledningType?: string; ledningName?: string; siteOwners?: string[]; teamOwners?: string[]; noProject?: boolean } = {}): string {
  const owners = o.siteOwners ?? [`anna.andersson${D}`];
  return `version: 1
name: teams-e2e
sites:
  - url: /sites/teams-e2e
    type: team
    title: Teams e2e
${owners.length ? `    owners: [${owners.join(', ')}]\n` : ''}    team:
      funSettings: { allowGiphy: ${o.giphy ?? true} }
${o.teamOwners ? `      owners: [${o.teamOwners.join(', ')}]\n` : ''}      members: [${(o.members ?? [`erik.johansson${D}`]).join(', ')}]
      prune: [teamMember, channel]
      channels:
${o.noProject ? '' : `        - name: Projekt
          description: ${o.projectDescription ?? 'Projektkanal'}
          tabs:
            - name: Webb
              website: ${o.tabUrl ?? 'https://example.org/a'}
`}        - name: ${o.ledningName ?? 'Ledning'}
          membershipType: ${o.ledningType ?? 'private'}
          owners: [anna.andersson${D}]
`;
}

function desired(text: string): Promise<Desired> {
  return desiredOf(text, 'teams-e2e.yaml');
}

let target: Target;
let groupId: string;

async function plan(text: string): Promise<Plan> {
  return planDesired(await desired(text), target.client, target.name);
}
async function apply(p: Plan, allow: DestructiveFlag[] = []) {
  return applyRun(target, p, { concurrency: 8, allow });
}

/** The executor alone (the engine's run refuses such a plan whole, first): its own refusal of a destructive change without consent. */
async function executeWithoutConsent(p: Plan) {
  return applyPlan(p, target.client, { concurrency: 8 });
}
async function converged(text: string): Promise<void> {
  const again = await plan(text);
  expect(again.changes.filter((c) => c.action !== 'noop')).toEqual([]);
  expect(isEmptyPlan(again)).toBe(true);
}
function actions(p: Plan): string[] {
  return p.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`);
}
async function channel(name: string) {
  const all = await target.client.graph.list<{ id: string; displayName: string; description: string | null; membershipType: string }>(`/teams/${groupId}/channels`);
  return all.find((c) => c.displayName === name);
}
async function members() {
  const list = await target.client.graph.list<{ email: string; roles: string[] }>(`/teams/${groupId}/members`);
  return Object.fromEntries(list.map((m) => [m.email.toLowerCase().replace(D, ''), m.roles.join() || 'member']));
}

beforeAll(async () => {
  ({ target } = await openLocalTarget('teams'));
});
afterAll(async () => {
  await target?.close();
});

test('a team with members, channels and a tab applies from empty and converges', async () => {
  const p = await plan(blueprint());
  expect(p.changes.every((c) => c.action === 'create')).toBe(true);
  const r = await apply(p);
  expect(r.failed).toEqual([]);
  await converged(blueprint());
  groupId = (await target.client.graph.get<{ value: { id: string }[] }>(`/groups?$filter=mailNickname eq 'teams-e2e'&$select=id`)).value[0]!.id;
  expect(await members()).toEqual({ 'anna.andersson': 'owner', 'erik.johansson': 'member' });
  expect((await channel('Ledning'))?.membershipType).toBe('private');
  expect(await target.client.graph.find(`/sites/${target.client.sharepointHost}:/sites/teams-e2e-Ledning`)).toBeDefined();
});

test('one stated property per kind gives exactly that change, and apply converges', async () => {
  // a team setting
  let text = blueprint({ giphy: false });
  let p = await plan(text);
  expect(actions(p)).toEqual([`update ${SITE}/team`]);
  expect(p.changes.find((c) => c.action === 'update')).toMatchObject({ changes: [{ name: 'funSettings', after: { allowGiphy: false } }] });
  expect((await apply(p)).failed).toEqual([]);
  await converged(text);
  expect((await target.client.graph.get<{ funSettings: { allowGiphy: boolean } }>(`/teams/${groupId}`)).funSettings.allowGiphy).toBe(false);

  // a channel description
  text = blueprint({ giphy: false, projectDescription: 'Ny beskrivning' });
  p = await plan(text);
  expect(actions(p)).toEqual([`update ${SITE}/team/channel[Projekt]`]);
  expect((await apply(p)).failed).toEqual([]);
  await converged(text);
  expect((await channel('Projekt'))?.description).toBe('Ny beskrivning');

  // a tab's URL
  text = blueprint({ giphy: false, projectDescription: 'Ny beskrivning', tabUrl: 'https://example.org/b' });
  p = await plan(text);
  expect(actions(p)).toEqual([`update ${SITE}/team/channel[Projekt]/tab[Webb]`]);
  expect((await apply(p)).failed).toEqual([]);
  await converged(text);
  const projekt = await channel('Projekt');
  const tabs = await target.client.graph.list<{ configuration: { contentUrl: string } }>(`/teams/${groupId}/channels/${encodeURIComponent(projekt!.id)}/tabs`);
  expect(tabs[0]?.configuration.contentUrl).toBe('https://example.org/b');

  // a member added
  text = blueprint({ giphy: false, projectDescription: 'Ny beskrivning', tabUrl: 'https://example.org/b', members: [`erik.johansson${D}`, `maria.karlsson${D}`] });
  p = await plan(text);
  expect(actions(p)).toEqual([`create ${SITE}/team/member[maria.karlsson${D}]`]);
  expect((await apply(p)).failed).toEqual([]);
  await converged(text);
  expect((await members())['maria.karlsson']).toBe('member');
});

test("a channel's membershipType cannot change: planned, not applied; one of the new type under another name takes its place, and the old name stays held", async () => {
  const base = { giphy: false, projectDescription: 'Ny beskrivning', tabUrl: 'https://example.org/b', members: [`erik.johansson${D}`, `maria.karlsson${D}`] };
  const text = blueprint({ ...base, ledningType: 'shared' });
  const p = await plan(text);
  expect(actions(p)).toEqual([`update ${SITE}/team/channel[Ledning]`]);
  const change = p.changes.find((c) => c.action === 'update')!;
  expect(change.notApplied).toMatchObject({ props: ['membershipType'], reason: expect.stringMatching(/NameAlreadyExists/) });
  expect(change.destructive).toBeUndefined();
  const before = (await channel('Ledning'))!;
  expect((await apply(p)).failed).toEqual([]);
  expect(await channel('Ledning')).toMatchObject({ id: before.id, membershipType: 'private' });
  // the tenant still differs: shown again
  expect(actions(await plan(text))).toEqual([`update ${SITE}/team/channel[Ledning]`]);

  // a shared channel under another name; the private one is pruned, its own site with it
  const renamed = blueprint({ ...base, ledningName: 'Ledning delad', ledningType: 'shared' });
  const q = await plan(renamed);
  expect(actions(q).sort()).toEqual([`create ${SITE}/team/channel[Ledning delad]`, `delete ${SITE}/team/channel[Ledning]`].sort());
  expect(q.changes.find((c) => c.action === 'delete')?.destructive).toMatchObject({ flag: 'allow-delete-sites' });
  expect((await apply(q, ['allow-delete-sites'])).failed).toEqual([]);
  expect(await channel('Ledning')).toBeUndefined();
  expect((await channel('Ledning delad'))?.membershipType).toBe('shared');
  await converged(renamed);

  // Teams keeps the deleted channel restorable, its name taken in the team, for 30 days
  await expect(target.client.graph.post(`/teams/${groupId}/channels`, { displayName: 'ledning', membershipType: 'standard' })).rejects.toMatchObject({ status: 400, code: 'NameAlreadyExists' });
});

test('pruning removes an owned member; the last owner goes only with --allow-remove-last-owner', async () => {
  const base = { giphy: false, projectDescription: 'Ny beskrivning', tabUrl: 'https://example.org/b', ledningType: 'shared', ledningName: 'Ledning delad' };
  // erik is no longer declared: a plain member is pruned without a flag
  let text = blueprint({ ...base, members: [`maria.karlsson${D}`] });
  let p = await plan(text);
  expect(actions(p)).toEqual([`delete ${SITE}/team/member[erik.johansson${D}]`]);
  expect(p.changes.find((c) => c.action === 'delete')?.destructive).toBeUndefined();
  expect((await apply(p)).failed).toEqual([]);
  await converged(text);
  expect(await members()).toEqual({ 'anna.andersson': 'owner', 'maria.karlsson': 'member' });

  // no owner declared any more: removing anna, the only owner, needs the flag
  text = blueprint({ ...base, members: [`maria.karlsson${D}`], siteOwners: [] });
  p = await plan(text);
  expect(actions(p)).toEqual([`delete ${SITE}/team/member[anna.andersson${D}]`]);
  // the plan says what the flag cannot change: the service keeps a group's last owner
  expect(p.changes.find((c) => c.action === 'delete')?.destructive).toMatchObject({ flag: 'allow-remove-last-owner', reason: expect.stringContaining('declare another owner for the team first') });
  // Saved and read back: the membership's facts (the team's owner count, the owners the blueprint
  // declares: the team's fact, handed down as parentFacts) travel in the plan, not in its ids; the
  // plan is not stale, and the executor still refuses it.
  const saved = parsePlanJson(renderPlanJson(p), 'saved.json');
  const del = saved.changes.find((c) => c.action === 'delete');
  expect(del).toMatchObject({ facts: { ownersCount: 1, declaredOwners: 0 } });
  expect(Object.keys(del && 'ids' in del ? del.ids : {}).sort()).toEqual(['siteId', 'teamId', 'userId']);
  expect((await checkSavedPlan(saved, target.client)).moved).toEqual([]);
  const refused = await executeWithoutConsent(saved);
  expect(refused.failed).toHaveLength(1);
  expect((await members())['anna.andersson']).toBe('owner');

  // With the flag the engine asks, and the service refuses: a team (its group) keeps its last owner
  // ("Once owners are assigned to a group, the last owner ... cannot be removed"). The refusal is
  // that change's failure, with the service's reason; nothing else is touched.
  const attempted = await apply(await plan(text), ['allow-remove-last-owner']);
  expect(attempted.failed.map((f) => f.address)).toEqual([`${SITE}/team/member[anna.andersson${D}]`]);
  expect(attempted.failed[0]!.error).toMatch(/at least one owner/);
  expect(await members()).toEqual({ 'anna.andersson': 'owner', 'maria.karlsson': 'member' });
  // Anna declared again: nothing left to do.
  await converged(blueprint({ ...base, members: [`maria.karlsson${D}`] }));
});

test("a member's role is changed on the team's group: promoted to owner, then back to member", async () => {
  const base = { giphy: false, projectDescription: 'Ny beskrivning', tabUrl: 'https://example.org/b', ledningType: 'shared', ledningName: 'Ledning delad' };
  let text = blueprint({ ...base, members: [], teamOwners: [`maria.karlsson${D}`] });
  let p = await plan(text);
  expect(actions(p)).toEqual([`update ${SITE}/team/member[maria.karlsson${D}]`]);
  expect((await apply(p)).failed).toEqual([]);
  await converged(text);
  expect(await members()).toEqual({ 'anna.andersson': 'owner', 'maria.karlsson': 'owner' });
  const group = await target.client.graph.get<{ owners: { id: string }[] }>(`/groups/${groupId}?$select=id&$expand=owners($select=id)`);
  expect(group.owners).toHaveLength(2);

  text = blueprint({ ...base, members: [`maria.karlsson${D}`] });
  p = await plan(text);
  expect(actions(p)).toEqual([`update ${SITE}/team/member[maria.karlsson${D}]`]);
  expect(p.changes.find((c) => c.action === 'update')?.destructive).toBeUndefined();
  expect((await apply(p)).failed).toEqual([]);
  await converged(text);
  expect(await members()).toEqual({ 'anna.andersson': 'owner', 'maria.karlsson': 'member' });
});

test("a standard channel no longer declared is pruned only with --allow-delete-content: its conversations go with it", async () => {
  const text = blueprint({ giphy: false, members: [`maria.karlsson${D}`], ledningType: 'shared', ledningName: 'Ledning delad', noProject: true });
  const p = await plan(text);
  expect(actions(p)).toEqual([`delete ${SITE}/team/channel[Projekt]`]);
  expect(p.changes.find((c) => c.address === `${SITE}/team/channel[Projekt]`)?.destructive).toMatchObject({ flag: 'allow-delete-content', reason: expect.stringMatching(/conversations.*restorable for 30 days.*take the name 'Projekt'/) });
  const before = (await channel('Projekt'))!;
  const refused = await executeWithoutConsent(p);
  expect(refused.failed.map((f) => f.address)).toEqual([`${SITE}/team/channel[Projekt]`]);
  expect(await channel('Projekt')).toMatchObject({ id: before.id });

  expect((await apply(await plan(text), ['allow-delete-content'])).failed).toEqual([]);
  expect(await channel('Projekt')).toBeUndefined();
  await converged(text);
});

test("a channel deleted in the last 30 days holds its name: a create under it fails, saying what to do", async () => {
  const text = blueprint({ giphy: false, members: [`maria.karlsson${D}`], ledningType: 'shared', ledningName: 'Ledning delad' });
  const p = await plan(text);
  expect(actions(p)).toEqual([`create ${SITE}/team/channel[Projekt]`, `create ${SITE}/team/channel[Projekt]/tab[Webb]`]);
  const result = await apply(p);
  expect(result.failed.map((f) => f.address)).toEqual([`${SITE}/team/channel[Projekt]`]);
  expect(result.failed[0]!.error).toMatch(/channel named 'Projekt' was deleted from this team in the last 30 days.*restore it in Teams/);
  expect(await channel('Projekt')).toBeUndefined();
});

test('a case-only rename of a channel is the same channel, renamed', async () => {
  const before = (await channel('Ledning delad'))!;
  const text = blueprint({ giphy: false, members: [`maria.karlsson${D}`], ledningType: 'shared', ledningName: 'LEDNING DELAD', noProject: true });
  const p = await plan(text);
  expect(p.changes.filter((c) => c.action !== 'noop').map((c) => (c.action === 'update' ? [c.address, c.changes] : [c.address, c.action]))).toEqual([
    [`${SITE}/team/channel[LEDNING DELAD]`, [{ name: 'displayName', before: 'Ledning delad', after: 'LEDNING DELAD' }]],
  ]);
  expect((await apply(p)).failed).toEqual([]);
  expect(await channel('LEDNING DELAD')).toMatchObject({ id: before.id, membershipType: 'shared' });
  await converged(text);
});
