/**
 * A template names a site's own owners group by its title (`"{{ row.title }} Owners"`, as the
 * botkyrka example does) for a library's permissions and a group's owner. SharePoint names the
 * site's own groups when it makes the site and keeps those names when its title changes, so
 * after a stage was renamed in the CSV the blueprint named a group that does not exist: apply
 * failed "Group cannot be found" on every such row and never converged. The site's own group is
 * now found by its role when no group has the name (own-site-groups.ts): the plan of the rename
 * changes the title alone (with `prune:`, the assignment found under the group's old name is the
 * declared one, not pruned), the apply makes it, and the plan after it is empty, with the groups
 * still called what they were made as. A library and a group made after the rename that name
 * `<new title> Owners` are written to that group (the writes find it by role too).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';
import { openTarget } from '../../src/tenant/target.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const OWNER = 'anna.andersson@contoso.onmicrosoft.com';
const blueprintWith = (more: boolean) => `version: 1
name: own-groups
prune: [roleAssignment, siteGroup]
templates:
  stage:
    type: team
    url: /sites/{{ row.alias }}
    title: "{{ row.title }}"
    owners: [${OWNER}]
    permissions:
      groups:
        - { name: Handläggare, owner: "{{ row.title }} Owners", members: [${OWNER}] }
${more ? `        - { name: Granskare, owner: "{{ row.title }} Owners" }\n` : ''}    lists:
      - url: Beslut
        template: documentLibrary
        permissions:
          inherit: false
          copyRoleAssignments: false
          assignments:
            - { principal: "{{ row.title }} Owners", roles: [Full Control] }
            - { principal: Handläggare, roles: [Contribute] }
${more ? `      - url: Protokoll
        template: documentLibrary
        permissions:
          inherit: false
          copyRoleAssignments: false
          assignments:
            - { principal: "{{ row.title }} Owners", roles: [Full Control] }
` : ''}workspaces:
  - { template: stage, rows: stages.csv }
`;
const blueprint = blueprintWith(false);

test("a site renamed in the CSV keeps its own groups' names: '<new title> Owners' is that group, the rename applies and converges", { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-own-groups-'));
  await writeFile(join(cwd, 'bp.yaml'), blueprint);
  await writeFile(join(cwd, 'stages.csv'), 'alias,title\ndetaljplan,Detaljplan\nbygglov,Bygglov\n');
  const first = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(first.code, first.stdout + first.stderr).toBe(0);
  await writeFile(join(cwd, 'stages.csv'), 'alias,title\ndetaljplan,Detaljplanering\nbygglov,Bygglov\n');
  // the plan changes the title and nothing else: '<new title> Owners' is the group still called
  // 'Detaljplan Owners' (no create of it, no owner change, and its assignment is not pruned)
  const planned = await provision(cwd, 'plan', 'bp.yaml', '--json');
  expect(planned.code, planned.stderr).toBe(0);
  const changes = (JSON.parse(planned.stdout) as { changes: { address: string; action: string }[] }).changes.filter((c) => c.action !== 'noop');
  expect(changes.map((c) => `${c.action} ${c.address}`)).toEqual(['update site[/sites/detaljplan]']);
  const renamed = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(renamed.code, renamed.stdout + renamed.stderr).toBe(0);
  expect(renamed.stdout).toContain('title = "Detaljplan" -> "Detaljplanering"');
  const converged = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(converged.code, converged.stdout + converged.stderr).toBe(0);

  // the tenant: the site is renamed, its owners group kept its name and owns Handläggare, and it
  // alone holds Full Control on the library
  const target = await openTarget({ tenant: 'local', cwd });
  try {
    const web = `https://${target.client.sharepointHost}/sites/detaljplan`;
    const sp = target.client.sp;
    expect(((await sp.query(web, '_api/web').select('Title')()) as { Title: string }).Title).toBe('Detaljplanering');
    const owners = (await sp.query(web, '_api/web/associatedownergroup').select('Id', 'Title')()) as { Id: number; Title: string };
    expect(owners.Title).toBe('Detaljplan Owners');
    const groups = (await sp.query(web, '_api/web/siteGroups').select('Title', 'Owner/Title').expand('Owner')()) as { Title: string; Owner: { Title: string } }[];
    expect(groups.find((g) => g.Title === 'Handläggare')?.Owner.Title).toBe('Detaljplan Owners');
    expect(groups.some((g) => g.Title === 'Detaljplanering Owners')).toBe(false);
    const lists = (await sp.query(web, '_api/web/lists').select('Id', 'Title')()) as { Id: string; Title: string }[];
    const beslut = lists.find((l) => l.Title === 'Beslut')!;
    const assignments = (await sp.query(web, `_api/web/lists('${beslut.Id}')/roleAssignments`).select('PrincipalId', 'RoleDefinitionBindings/Name').expand('RoleDefinitionBindings')()) as { PrincipalId: number; RoleDefinitionBindings: { Name: string }[] }[];
    expect(assignments.filter((a) => a.RoleDefinitionBindings.some((b) => b.Name === 'Full Control')).map((a) => a.PrincipalId)).toEqual([owners.Id]);
  } finally {
    await target.close();
  }

  // made after the rename, a library's assignment and a group's owner that name '<new title>
  // Owners' are written to that group too (no group is called so: found by its role)
  await writeFile(join(cwd, 'bp.yaml'), blueprintWith(true));
  const added = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(added.code, added.stdout + added.stderr).toBe(0);
  expect(added.stdout).toContain('site[/sites/detaljplan]/list[Protokoll]/roleAssignment[Detaljplanering Owners]');
  const again = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(again.code, again.stdout + again.stderr).toBe(0);
  const after = await openTarget({ tenant: 'local', cwd });
  try {
    const web = `https://${after.client.sharepointHost}/sites/detaljplan`;
    const sp = after.client.sp;
    const owners = (await sp.query(web, '_api/web/associatedownergroup').select('Id', 'Title')()) as { Id: number; Title: string };
    const groups = (await sp.query(web, '_api/web/siteGroups').select('Title', 'Owner/Title').expand('Owner')()) as { Title: string; Owner: { Title: string } }[];
    expect(groups.find((g) => g.Title === 'Granskare')?.Owner.Title).toBe('Detaljplan Owners');
    const lists = (await sp.query(web, '_api/web/lists').select('Id', 'Title')()) as { Id: string; Title: string }[];
    const protokoll = lists.find((l) => l.Title === 'Protokoll')!;
    const assignments = (await sp.query(web, `_api/web/lists('${protokoll.Id}')/roleAssignments`).select('PrincipalId', 'RoleDefinitionBindings/Name').expand('RoleDefinitionBindings')()) as { PrincipalId: number; RoleDefinitionBindings: { Name: string }[] }[];
    expect(assignments.map((a) => [a.PrincipalId, a.RoleDefinitionBindings.map((b) => b.Name)])).toEqual([[owners.Id, ['Full Control']]]);
  } finally {
    await after.close();
  }
});

test("a communication site renamed keeps its own groups' names too: the plan of the rename changes its title alone", { timeout: 120_000 }, async () => {
  const commSite = (title: string) => `version: 1
name: own-groups-comm
prune: [roleAssignment]
sites:
  - url: /sites/kommunikation
    type: communication
    title: ${title}
    owner: ${OWNER}
    permissions:
      groups:
        - { name: Redaktörer, owner: "${title} Owners" }
    lists:
      - url: Nyheter
        template: documentLibrary
        permissions:
          inherit: false
          copyRoleAssignments: false
          assignments:
            - { principal: "${title} Owners", roles: [Full Control] }
`;
  await withLocalTarget('own-groups-comm', async (target) => {
    const first = await applyRun(target, await planDesired(await desiredOf(commSite('Kommunikation'), 'comm.yaml'), target.client, target.name));
    expect(first.failed).toEqual([]);
    // renamed: 'Kommunikationsavdelningen Owners' is the group still called 'Kommunikation Owners'
    const renamed = await desiredOf(commSite('Kommunikationsavdelningen'), 'comm.yaml');
    const plan = await planDesired(renamed, target.client, target.name);
    expect(plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual(['update site[/sites/kommunikation]']);
    const second = await applyRun(target, plan);
    expect(second.failed).toEqual([]);
    expect(isEmptyPlan(await planDesired(renamed, target.client, target.name))).toBe(true);
    const owners = (await target.client.sp.query(`https://${target.client.sharepointHost}/sites/kommunikation`, '_api/web/associatedownergroup').select('Title')()) as { Title: string };
    expect(owners.Title).toBe('Kommunikation Owners');
  });
});
