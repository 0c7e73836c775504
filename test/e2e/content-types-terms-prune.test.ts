/**
 * Pruning content types and managed metadata through the CLI: with `prune: [contentType,
 * listContentType, term]`, removing a content type from a list, a site content type and a term
 * from the blueprint deletes exactly them; a content type and a term made by hand are never
 * touched. A term, and a term set that holds terms, is refused without --allow-delete-content and deleted with
 * it; `prune: [termGroup]` (a tenant-level kind) deletes an owned empty group and leaves a
 * hand-made one. Tenant state is asserted each time, and every apply ends with an empty plan.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';
import type { Target } from '../../src/tenant/target.ts';
import { delegatedGraphCall, delegatedGraphList, localTenantDir } from '../support/delegated-token.ts';

const TS = '/sites/root/termStore';

interface Phase {
  prune: string[];
  listTypes: string[];
  siteDrawing: boolean;
  termB: boolean;
  extraSet: boolean;
  spareGroup: boolean;
}

function blueprint(p: Phase): string {
  return `version: 1
name: ct-prune-test
prune: [${p.prune.join(', ')}]
columns:
  caseNumber: { name: CaseNumber, type: text, displayName: Case number }
termStore:
  language: en-US
  groups:
    - name: Prune group
      termSets:
        - name: Steps
          terms:
            - name: A
${p.termB ? '            - name: B\n' : ''}${p.extraSet ? '        - name: Extra\n          terms:\n            - name: X\n            - name: Y\n' : ''}${p.spareGroup ? '    - name: Spare group\n' : ''}contentTypes:
  decision: { name: Beslut, columns: [ { use: caseNumber, required: true } ] }
  application: { name: Ansökan, columns: [ { use: caseNumber } ] }
  drawing: { name: Ritning }
sites:
  - url: /sites/ct-prune
    type: communication
    title: CT prune
    owner: anna.andersson@contoso.onmicrosoft.com
    columns:
      - use: caseNumber
    contentTypes:
      - use: decision
      - use: application
${p.siteDrawing ? '      - use: drawing\n' : ''}    lists:
      - url: Arenden
        template: documentLibrary
        contentTypes: [${p.listTypes.join(', ')}]
`;
}

const start: Phase = { prune: ['contentType', 'listContentType', 'term'], listTypes: ['decision', 'application'], siteDrawing: true, termB: true, extraSet: true, spareGroup: true };

interface State {
  siteTypes: string[];
  listTypes: string[];
  groups: string[];
  sets: string[];
  steps: string[];
}

async function state(cwd: string): Promise<State> {
  return withTenant(cwd, async (t) => {
    const site = (await siteByPath(t, '/sites/ct-prune'))!;
    const siteTypes = (await t.client.graph.list<{ name: string }>(`/sites/${site.id}/contentTypes`)).map((c) => c.name);
    const listTypes = (await t.client.graph.list<{ name: string }>(`/sites/${site.id}/lists/Arenden/contentTypes`)).map((c) => c.name);
    const groups = await delegatedGraphList<{ id: string; displayName: string }>(localTenantDir(cwd), `${TS}/groups`);
    const group = groups.find((g) => g.displayName === 'Prune group')!;
    const sets = await delegatedGraphList<{ id: string; localizedNames: { name: string }[] }>(localTenantDir(cwd), `${TS}/groups/${group.id}/sets`);
    const steps = sets.find((s) => s.localizedNames.some((n) => n.name === 'Steps'))!;
    const terms = await delegatedGraphList<{ labels: { name: string; isDefault: boolean }[] }>(localTenantDir(cwd), `${TS}/sets/${steps.id}/children`);
    return {
      siteTypes,
      listTypes,
      groups: groups.map((g) => g.displayName),
      sets: sets.map((s) => s.localizedNames[0]!.name),
      steps: terms.map((x) => x.labels.find((l) => l.isDefault)!.name).sort(),
    };
  });
}

async function changesOf(cwd: string): Promise<{ address: string; action: string; destructive?: { flag: string } }[]> {
  const plan = await provision(cwd, 'plan', 'b.yaml', '--json');
  expect(plan.code, plan.stderr).toBe(0);
  return JSON.parse(plan.stdout).changes.filter((c: { action: string }) => c.action !== 'noop');
}

async function expectConverged(cwd: string): Promise<void> {
  const again = await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode');
  expect(again.code, again.stdout + again.stderr).toBe(0);
}

/** An admin's own changes: a content type (app-only Graph), a term and a term group (a signed-in admin on Graph's term store). */
async function byHand(t: Target, cwd: string): Promise<void> {
  const site = (await siteByPath(t, '/sites/ct-prune'))!;
  await t.client.graph.post(`/sites/${site.id}/contentTypes`, { name: 'Handgjord', base: { id: '0x0101' }, group: 'Custom Content Types' });
  const dir = localTenantDir(cwd);
  const group = (await delegatedGraphList<{ id: string; displayName: string }>(dir, `${TS}/groups`)).find((g) => g.displayName === 'Prune group')!;
  const steps = (await delegatedGraphList<{ id: string; localizedNames: { name: string }[] }>(dir, `${TS}/groups/${group.id}/sets`)).find((s) => s.localizedNames[0]!.name === 'Steps')!;
  await delegatedGraphCall(dir, 'POST', `${TS}/sets/${steps.id}/children`, { labels: [{ name: 'Manual', languageTag: 'en-US', isDefault: true }] });
  await delegatedGraphCall(dir, 'POST', `${TS}/groups`, { displayName: 'Handmade group' });
}

test('pruning deletes exactly the removed content types and terms the engine made; a term set with terms needs consent; tenant-level groups are pruned', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-ct-prune-'));
  const file = join(cwd, 'b.yaml');
  await writeFile(file, blueprint(start));
  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  await expectConverged(cwd);
  await withTenant(cwd, (t) => byHand(t, cwd));
  // Made by hand, undeclared: pruning leaves them alone, so the plan stays empty.
  await expectConverged(cwd);

  // The list loses Ansökan, the site loses Ritning, the set loses B.
  const second: Phase = { ...start, listTypes: ['decision'], siteDrawing: false, termB: false };
  await writeFile(file, blueprint(second));
  const changes = await changesOf(cwd);
  expect(changes.map((c) => [c.address, c.action]).sort()).toEqual(
    [
      ['site[/sites/ct-prune]/list[Arenden]/contentType[Ansökan]', 'delete'],
      ['site[/sites/ct-prune]/contentType[Ritning]', 'delete'],
      ['termGroup[Prune group]/termSet[Steps]/term[B]', 'delete'],
    ].sort(),
  );
  // a term's delete asks consent (items tagged with it keep values that no longer resolve); the content types' do not
  expect(changes.filter((c) => c.destructive).map((c) => [c.address, c.destructive!.flag])).toEqual([['termGroup[Prune group]/termSet[Steps]/term[B]', 'allow-delete-content']]);
  const refusedTerm = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(refusedTerm.code).not.toBe(0);
  expect(refusedTerm.stderr).toContain('--allow-delete-content');
  expect((await state(cwd)).steps).toEqual(['A', 'B', 'Manual']);
  const pruned = await provision(cwd, 'apply', 'b.yaml', '--yes', '--allow-delete-content');
  expect(pruned.code, pruned.stdout + pruned.stderr).toBe(0);
  const after = await state(cwd);
  expect(after.listTypes).toContain('Beslut');
  expect(after.listTypes).not.toContain('Ansökan');
  expect(after.siteTypes).toEqual(expect.arrayContaining(['Beslut', 'Ansökan', 'Handgjord']));
  expect(after.siteTypes).not.toContain('Ritning');
  expect(after.steps).toEqual(['A', 'Manual']);
  await expectConverged(cwd);

  // The Extra set (two terms) goes, with termSet pruned: refused without consent.
  const third: Phase = { ...second, prune: [...second.prune, 'termSet'], extraSet: false };
  await writeFile(file, blueprint(third));
  const setChanges = await changesOf(cwd);
  expect(setChanges).toEqual([expect.objectContaining({ address: 'termGroup[Prune group]/termSet[Extra]', action: 'delete', destructive: expect.objectContaining({ flag: 'allow-delete-content' }) })]);
  const refused = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('--allow-delete-content');
  expect((await state(cwd)).sets).toEqual(expect.arrayContaining(['Steps', 'Extra']));
  const allowed = await provision(cwd, 'apply', 'b.yaml', '--yes', '--allow-delete-content');
  expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
  expect((await state(cwd)).sets).toEqual(['Steps']);
  await expectConverged(cwd);

  // A tenant-level kind: the owned Spare group goes, the hand-made group stays.
  await writeFile(file, blueprint({ ...third, prune: [...third.prune, 'termGroup'], spareGroup: false }));
  expect((await changesOf(cwd)).map((c) => `${c.action} ${c.address}`)).toEqual(['delete termGroup[Spare group]']);
  const groupPruned = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(groupPruned.code, groupPruned.stdout + groupPruned.stderr).toBe(0);
  const groups = (await state(cwd)).groups;
  expect(groups).toEqual(expect.arrayContaining(['Prune group', 'Handmade group']));
  expect(groups).not.toContain('Spare group');
  await expectConverged(cwd);
});
