/**
 * A create that got no clear answer is looked up and adopted; what it left undone is finished in
 * the same run (src/apply/finish-adopted.ts). Each case has only the writes it is about in
 * flight, so that no other write shares the SharePoint `$batch` whose connection is dropped:
 * - a list's inheritance is broken and given role assignments; the break's connection is reset
 *   before it ran: the inheritance (a setting found whenever its list is) is adopted as found,
 *   still inheriting, and the break is sent again as its update, so the role assignments under it
 *   are made (they failed before with "This operation is not allowed on an object that inherits
 *   permissions");
 * - a SharePoint group with a member: the member add's connection is reset before it ran, on
 *   its first send and on both sends again (site-group/effects.ts sends a member add again after a
 *   passing failure): the group is adopted and given its member (before, apply reported it
 *   adopted, and the next plan found the member missing).
 * - the break's connection reset on the create and on the finishing update: a break sets a state,
 *   so the update sends it again (before, the change failed and its role assignments were skipped).
 * Each case proves its fault was injected and that the finishing happened; all converge.
 */
import { expect, test } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { LocalBehaviour } from '../../src/tenant/target.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const site = `version: 1
name: inheritance
sites:
  - url: /sites/arv
    type: communication
    title: Arv
    owner: anna.andersson@contoso.onmicrosoft.com
`;
const inheritance = `${site}    lists:
      - url: Beslut
        template: documentLibrary
        permissions:
          inherit: false
          copyRoleAssignments: false
          assignments:
            - { principal: Arv Members, roles: [Contribute] }
            - { principal: maria.karlsson@contoso.onmicrosoft.com, roles: [Read] }
`;
const group = `${site}    permissions:
      groups:
        - name: Handläggare
          members: [erik.johansson@contoso.onmicrosoft.com]
`;
const SCOPE = 'site[/sites/arv]/list[Beslut]/permissions';
const GROUP = 'site[/sites/arv]/group[Handläggare]';
const ASSIGNMENTS = ['site[/sites/arv]/list[Beslut]/roleAssignment[Arv Members]', 'site[/sites/arv]/list[Beslut]/roleAssignment[maria.karlsson@contoso.onmicrosoft.com]'];

// PnPjs writes the call with a space after the comma
const breakLost: LocalBehaviour['faults'] = { plan: [{ request: 'POST /sites/arv/_api/web/*/breakroleinheritance(copyroleassignments=false,%20clearsubscopes=true)', fault: 'reset' }] };
const breakLostTwice: LocalBehaviour['faults'] = { plan: [{ request: 'POST /sites/arv/_api/web/*/breakroleinheritance(copyroleassignments=false,%20clearsubscopes=true)', count: 2, fault: 'reset' }] };
const memberLost: LocalBehaviour['faults'] = { plan: [{ request: 'POST /sites/arv/_api/web/*/users', count: 3, fault: 'reset' }] };

const finishing = (events: ApplyEvent[], address: string) =>
  events.filter((e) => e.type === 'progress' && e.address === address && e.message.startsWith('adopted; finishing what its create left undone')).map((e) => (e as { message: string }).message);

test('a break of inheritance that did not run is adopted as found and sent again: its role assignments are made in the same run', async () => {
  const desired = await desiredOf(inheritance, 'arv.yaml');
  await withLocalTarget('inheritance-lost', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { onEvent: (e) => events.push(e) });
    expect(target.localTenant!.stats().faults.byKind.reset).toBe(1);
    expect(result.failed).toEqual([]);
    expect(events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address)).toContain(SCOPE);
    expect(finishing(events, SCOPE)).toEqual(['adopted; finishing what its create left undone: inherit']);
    expect(result.succeeded).toEqual(expect.arrayContaining(ASSIGNMENTS));
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults: breakLost });
});

test('a group whose member add did not run is adopted and given its member in the same run', async () => {
  const desired = await desiredOf(group, 'arv.yaml');
  await withLocalTarget('group-member-lost', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { onEvent: (e) => events.push(e) });
    expect(target.localTenant!.stats().faults.byKind.reset).toBe(3);
    expect(result.failed).toEqual([]);
    expect(events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address)).toEqual([GROUP]);
    expect(finishing(events, GROUP)).toEqual(['adopted; finishing what its create left undone: members']);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults: memberLost });
});

test("a break of inheritance whose create and finishing update both lose their connection: the update sends it again, and the role assignments are made in the same run", async () => {
  const desired = await desiredOf(inheritance, 'arv.yaml');
  await withLocalTarget('inheritance-lost-twice', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { onEvent: (e) => events.push(e) });
    // both sends were reset: the create's, then the finishing update's first
    expect(target.localTenant!.stats().faults.byKind.reset).toBe(2);
    expect(finishing(events, SCOPE)).toEqual(['adopted; finishing what its create left undone: inherit']);
    expect(result.failed).toEqual([]);
    expect(result.succeeded).toEqual(expect.arrayContaining(ASSIGNMENTS));
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults: breakLostTwice });
});
