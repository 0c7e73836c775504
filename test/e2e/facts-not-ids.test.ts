/**
 * What a child needs of its parent that is not a service id travels as a fact, not in ids
 * (src/model/facts.ts), through the engine against the local tenant: a navigation node's
 * navigation (`location`), which its child nodes are listed in for pruning, and a list
 * permission scope's `uniquePermissions` / `assignmentsEmpty`, which its role assignments read
 * (a list broken without copying in this run: its assignment's create reads no assignments,
 * counted by the local tenant). Each apply ends with an empty plan; the plans' ids hold service
 * ids only.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { Change } from '../../src/model/change.ts';
import type { Target } from '../../src/tenant/target.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf, engineSteps } from '../support/engine-steps.ts';

const OWNER = 'anna.andersson@contoso.onmicrosoft.com';

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('facts-not-ids'));
});
afterAll(async () => {
  await target?.close();
});

const { changesOf, applyAndConverge } = engineSteps(() => target, 'facts.yaml');

/** Requests of an operation the local tenant served, alone or as a `$batch` part. */
const served = (op: string): number => {
  const s = target.localTenant!.stats();
  return (s.byOperation[op] ?? 0) + (s.batchedByOperation[op] ?? 0);
};

/** The ids keys of a plan's changes of one kind (the present ones: those that carry ids). */
function idKeys(changes: Change[], kind: string): string[][] {
  return changes.filter((c) => c.kind === kind && 'ids' in c).map((c) => ('ids' in c ? Object.keys(c.ids).sort() : []));
}

function navBlueprint(children: string[]): string {
  return `version: 1
name: facts-nav
prune: [navigationNode]
sites:
  - url: /sites/facts-nav
    type: communication
    title: Facts nav
    owner: ${OWNER}
    navigation:
      topNavigation:
        - title: Tjänster
          url: /sites/facts-nav/tjanster
          children:
${children.map((c) => `            - { title: ${c}, url: /sites/facts-nav/${c.toLowerCase()} }\n`).join('')}`;
}

async function topNavChildren(): Promise<string[]> {
  const web = target.client.sp.web(`https://${target.client.sharepointHost}/sites/facts-nav`).web;
  const top = (await web.navigation.topNavigationBar.select('Id', 'Title')()) as { Id: number; Title: string }[];
  const parent = top.find((n) => n.Title === 'Tjänster')!;
  const kids = (await web.navigation.topNavigationBar.getById(parent.Id).children.select('Title')()) as { Title: string }[];
  return kids.map((k) => k.Title);
}

test("a node's navigation is its fact: its child nodes are listed in it and pruned; ids carry no location", async () => {
  await applyAndConverge(navBlueprint(['Bygglov', 'Tillsyn']));
  expect(await topNavChildren()).toEqual(['Bygglov', 'Tillsyn']);

  // The child nodes of a top-navigation node are found only in the top navigation (the parent's fact).
  const changes = await changesOf(navBlueprint(['Bygglov']));
  expect(changes.map((c) => `${c.action} ${c.address}`)).toEqual(['delete site[/sites/facts-nav]/navigation[topNavigation]/node[Tjänster]/node[Tillsyn]']);
  const deleted = changes[0]!;
  expect('ids' in deleted && Object.keys(deleted.ids)).not.toContain('navLocation');
  expect('facts' in deleted && deleted.facts).toEqual({ location: 'topNavigation' });

  const plan = await applyAndConverge(navBlueprint(['Bygglov']));
  expect(await topNavChildren()).toEqual(['Bygglov']);
  for (const keys of idKeys(plan.changes, 'navigationNode')) expect(keys).not.toContain('navLocation');
  const parent = plan.changes.find((c) => c.address === 'site[/sites/facts-nav]/navigation[topNavigation]/node[Tjänster]')!;
  expect('facts' in parent && parent.facts).toEqual({ location: 'topNavigation' });
});

const PERM = `version: 1
name: facts-perm
sites:
  - url: /sites/facts-perm
    type: communication
    title: Facts perm
    owner: ${OWNER}
    lists:
      - url: Beslut
        template: documentLibrary
        permissions:
          inherit: false
          copyRoleAssignments: false
          assignments:
            - { principal: ${OWNER}, roles: [Read] }
`;

test("a list scope's unique permissions are its fact, read by its role assignments; ids carry none", async () => {
  // Broken without copying in this run: the scope's fact tells its assignment's create that the
  // list holds no assignments yet, so they are not read (no GET of role assignments while applying).
  const first = await planDesired(await desiredOf(PERM, 'facts.yaml'), target.client, target.name);
  const reads = () => served('SP GET web/lists()/roleassignments');
  const before = reads();
  const applied = await applyRun(target, first);
  expect(applied.failed).toEqual([]);
  expect(applied.skipped).toEqual([]);
  expect(reads()).toBe(before);
  const web = target.client.sp.web(`https://${target.client.sharepointHost}/sites/facts-perm`).web;
  const list = web.lists.getByTitle('Beslut');
  expect(((await list.select('HasUniqueRoleAssignments')()) as { HasUniqueRoleAssignments: boolean }).HasUniqueRoleAssignments).toBe(true);
  const assignments = (await list.roleAssignments.expand('Member', 'RoleDefinitionBindings')()) as { Member: { LoginName: string }; RoleDefinitionBindings: { Name: string }[] }[];
  // broken without copying: only the declared assignment (and SharePoint's own for the one who broke it, if any) holds Read
  expect(assignments.filter((a) => a.RoleDefinitionBindings.some((b) => b.Name === 'Read')).map((a) => a.Member.LoginName.toLowerCase())).toEqual([expect.stringContaining('anna.andersson')]);

  // A fresh plan is empty; it reads the list's assignments with the list, in one request (the
  // scope's read), not through the roleassignments route.
  const listReads = () => served('SP GET web/lists()');
  const listsBefore = listReads();
  const plan = await planDesired(await desiredOf(PERM, 'facts.yaml'), target.client, target.name);
  expect(plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([]);
  expect(reads()).toBe(before);
  expect(listReads() - listsBefore).toBe(1);
  expect(idKeys(plan.changes, 'permissionScope')).toEqual([['listId', 'siteId', 'webUrl']]);
  const scope = plan.changes.find((c) => c.kind === 'permissionScope')!;
  expect('facts' in scope && scope.facts).toEqual({ uniquePermissions: true });
  const assignmentKeys = idKeys(plan.changes, 'roleAssignment');
  expect(assignmentKeys).toHaveLength(1);
  for (const keys of assignmentKeys) expect(keys).toEqual(['listId', 'siteId', 'webUrl']);
});
