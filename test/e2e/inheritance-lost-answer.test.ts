/**
 * A create that got no clear answer is looked up and adopted; what it left undone is finished in
 * the same run (src/apply/finish-adopted.ts). Two cases on a list whose inheritance is broken and
 * given two role assignments, and a SharePoint group with a member, all sent in one SharePoint
 * `$batch`:
 * - the break's connection is reset before it ran: the list's inheritance (a setting found
 *   whenever its list is) is adopted as found, still inheriting, and the break is sent again as
 *   its update, so the role assignments under it are made (they failed before with "This
 *   operation is not allowed on an object that inherits permissions");
 * - the break ran and the connection was reset after it: the group's member add, later in the
 *   batch, never ran; the group is adopted and its member added (before, apply reported it
 *   succeeded and the next plan found the member missing).
 * Each case proves its fault was injected and that the finishing happened; both converge.
 */
import { expect, test } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { LocalBehaviour } from '../../src/tenant/target.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: inheritance
sites:
  - url: /sites/arv
    type: communication
    title: Arv
    owner: anna.andersson@contoso.onmicrosoft.com
    permissions:
      groups:
        - name: Handläggare
          members: [erik.johansson@contoso.onmicrosoft.com]
    lists:
      - url: Beslut
        template: documentLibrary
        permissions:
          inherit: false
          copyRoleAssignments: false
          assignments:
            - { principal: Handläggare, roles: [Contribute] }
            - { principal: maria.karlsson@contoso.onmicrosoft.com, roles: [Read] }
`;
const SCOPE = 'site[/sites/arv]/list[Beslut]/permissions';
const GROUP = 'site[/sites/arv]/group[Handläggare]';
const ASSIGNMENTS = ['site[/sites/arv]/list[Beslut]/roleAssignment[Handläggare]', 'site[/sites/arv]/list[Beslut]/roleAssignment[maria.karlsson@contoso.onmicrosoft.com]'];

// PnPjs writes the call with a space after the comma
const breakFault = (fault: 'reset' | 'commit-then-reset'): LocalBehaviour['faults'] => ({
  plan: [{ request: 'POST /sites/arv/_api/web/*/breakroleinheritance(copyroleassignments=false,%20clearsubscopes=true)', fault }],
});

const finishing = (events: ApplyEvent[], address: string) =>
  events.filter((e) => e.type === 'progress' && e.address === address && e.message.startsWith('adopted; finishing what its create left undone')).map((e) => (e as { message: string }).message);

test('a break of inheritance that did not run is adopted as found and sent again: its role assignments are made in the same run', async () => {
  const desired = await desiredOf(text, 'arv.yaml');
  await withLocalTarget('inheritance-lost', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { onEvent: (e) => events.push(e) });
    expect(target.localTenant!.stats().faults.byKind.reset).toBe(1);
    expect(result.failed).toEqual([]);
    expect(events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address)).toContain(SCOPE);
    expect(finishing(events, SCOPE)).toEqual(['adopted; finishing what its create left undone: inherit']);
    expect(result.succeeded).toEqual(expect.arrayContaining(ASSIGNMENTS));
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults: breakFault('reset') });
});

test('a break that ran but lost the rest of its batch: the group made without its member is adopted and given it', async () => {
  const desired = await desiredOf(text, 'arv.yaml');
  await withLocalTarget('inheritance-committed', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { onEvent: (e) => events.push(e) });
    expect(target.localTenant!.stats().faults.byKind['commit-then-reset']).toBe(1);
    expect(result.failed).toEqual([]);
    expect(events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address)).toEqual(expect.arrayContaining([SCOPE, GROUP]));
    expect(finishing(events, SCOPE)).toEqual([]);
    expect(finishing(events, GROUP)).toEqual(['adopted; finishing what its create left undone: members']);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults: breakFault('commit-then-reset') });
});
