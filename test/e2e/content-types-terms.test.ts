/**
 * Content types and managed metadata through the engine (in-process, over HTTP to the local
 * tenant): apply from empty, tenant state, convergence, one stated property per kind changed
 * gives exactly that change and converges, and content type ids are the same on every site.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contentTypeId } from '../../src/kinds/content-type/id.ts';
import { desiredOf, engineSteps } from '../support/engine-steps.ts';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { taxonomyId } from '../../src/kinds/shared/term-store.ts';
import { openTarget, stateDirOf, type Target } from '../../src/tenant/target.ts';
import { delegatedGraphList } from '../support/delegated-token.ts';
import { applyRun } from '../support/apply-run.ts';

const BASE = `
version: 1
name: ct-test
columns:
  caseNumber: { name: CaseNumber, type: text, displayName: Case number }
  propertyType: { name: PropertyType, type: taxonomy, termSet: "Samhällsbyggnad/Fastighetstyper", displayName: Property type }
termStore:
  language: sv-SE
  groups:
    - name: Samhällsbyggnad
      description: Terms of the department
      termSets:
        - name: Processteg
          names: { en-US: Process steps }
          description: The steps of a case
          terms:
            - name: Bygglov
              labels: { en-US: Building permit }
              children:
                - name: Ansökan
                  labels: { en-US: Application }
                  properties: { code: A1 }
        - name: Fastighetstyper
          names: { en-US: Property types }
          terms:
            - name: Villa
              labels: { en-US: Detached house }
contentTypes:
  decision:
    name: Beslut
    description: A decision in a case
    group: Case documents
    columns:
      - use: caseNumber
        required: true
  application:
    name: Ansökan
    group: Case documents
    columns:
      - use: caseNumber
sites:
  - url: /sites/ct-a
    type: communication
    title: A
    owner: anna.andersson@contoso.onmicrosoft.com
    columns:
      - use: caseNumber
      - use: propertyType
    contentTypes:
      - use: decision
      - use: application
    lists:
      - url: Arenden
        template: documentLibrary
        contentTypes: [decision, application]
        defaultContentType: decision
  - url: /sites/ct-b
    type: communication
    title: B
    owner: anna.andersson@contoso.onmicrosoft.com
    columns:
      - use: caseNumber
    contentTypes:
      - use: decision
`;

let target: Target;
let stateDir = '';
const { changesOf, applyAndConverge } = engineSteps(() => target, 'ct.yaml');

beforeAll(async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-ct-'));
  target = await openTarget({ tenant: 'local', cwd });
  stateDir = join(stateDirOf(cwd), 'local-tenant');
});

afterAll(async () => {
  await target?.close();
});




async function siteId(path: string): Promise<string> {
  const s = await target.client.graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:${path}`);
  return s.id;
}

test('applies from empty: term store, content types with links, list content types, taxonomy column; converges', async () => {
  const plan = await applyAndConverge(BASE);
  expect(plan.changes.filter((c) => c.action === 'create').length).toBe(plan.changes.length);

  // term store: written through CSOM taxonomy, seen on Graph by a signed-in admin (Graph's term store supports no app-only token)
  const groups = await delegatedGraphList<{ id: string; displayName: string }>(stateDir, '/sites/root/termStore/groups');
  const group = groups.find((g) => g.displayName === 'Samhällsbyggnad')!;
  expect(group).toBeDefined();
  const sets = await delegatedGraphList<{ id: string; localizedNames: { languageTag: string; name: string }[]; properties: { key: string; value: string }[] }>(
    stateDir,
    `/sites/root/termStore/groups/${group.id}/sets`,
  );
  const steps = sets.find((s) => s.localizedNames.some((n) => n.name === 'Processteg'))!;
  expect(steps.localizedNames).toContainEqual({ languageTag: 'en-US', name: 'Process steps' });
  expect(steps.properties).toContainEqual({ key: 'm365provision.owner', value: 'ct-test' });
  const top = await delegatedGraphList<{ id: string; labels: { name: string; languageTag: string; isDefault: boolean }[] }>(stateDir, `/sites/root/termStore/sets/${steps.id}/children`);
  expect(top).toHaveLength(1);
  expect(top[0]!.labels).toContainEqual({ name: 'Building permit', languageTag: 'en-US', isDefault: true });
  const kids = await delegatedGraphList<{ labels: { name: string }[]; properties: { key: string; value: string }[] }>(
    stateDir,
    `/sites/root/termStore/sets/${steps.id}/terms/${top[0]!.id}/children`,
  );
  expect(kids.map((k) => k.labels.map((l) => l.name).sort())).toEqual([['Ansökan', 'Application']]);
  expect(kids[0]!.properties).toContainEqual({ key: 'code', value: 'A1' });
  // ids come from the blueprint's addresses, so a create whose answer was lost is recognised
  expect(group.id).toBe(taxonomyId('termGroup[Samhällsbyggnad]'));
  expect(steps.id).toBe(taxonomyId('termGroup[Samhällsbyggnad]/termSet[Processteg]'));
  // the engine's own credential is app-only: Graph's term store refuses it, as the service does
  await expect(target.client.graph.list('/sites/root/termStore/groups')).rejects.toMatchObject({ status: 403, code: 'accessDenied' });
  await expect(target.client.graph.post('/sites/root/termStore/groups', { displayName: 'Via Graph' })).rejects.toMatchObject({ status: 403, code: 'accessDenied' });

  // content types: the same deterministic id on both sites, with their column links
  const a = await siteId('/sites/ct-a');
  const b = await siteId('/sites/ct-b');
  const id = contentTypeId('Beslut', '0x0101');
  expect(id).toMatch(/^0x010100[0-9A-F]{32}$/);
  for (const s of [a, b]) {
    const cts = await target.client.graph.list<{ id: string; name: string; description: string; group: string }>(`/sites/${s}/contentTypes`);
    const beslut = cts.find((c) => c.name === 'Beslut')!;
    expect(beslut.id).toBe(id);
    expect(beslut.group).toBe('Case documents');
    const cols = await target.client.graph.list<{ name: string; required: boolean }>(`/sites/${s}/contentTypes/${id}/columns`);
    expect(cols.find((c) => c.name === 'CaseNumber')?.required).toBe(true);
  }

  // the library: both content types, Beslut first (default)
  const lib = await target.client.graph.get<{ id: string }>(`/sites/${a}/lists/Arenden`);
  const listCts = await target.client.graph.list<{ id: string; name: string; parentId: string }>(`/sites/${a}/lists/${lib.id}/contentTypes`);
  expect(listCts.map((c) => c.name)).toEqual(expect.arrayContaining(['Beslut', 'Ansökan']));
  expect(listCts.find((c) => c.name === 'Beslut')?.parentId).toBe(id);

  // the taxonomy column, bound to Fastighetstyper
  const cols = await target.client.graph.list<{ name: string; term?: { allowMultipleValues: boolean } }>(`/sites/${a}/columns`);
  expect(cols.find((c) => c.name === 'PropertyType')?.term).toEqual({ allowMultipleValues: false, showFullyQualifiedName: false });
  // its note field is hidden: listed only when $select names `hidden`, as Graph does
  expect(cols.find((c) => c.name === 'PropertyTypeTaxHTField0')).toBeUndefined();
  const withHidden = await target.client.graph.list<{ name: string; hidden: boolean }>(`/sites/${a}/columns?$select=name,hidden`);
  expect(withHidden.find((c) => c.name === 'PropertyTypeTaxHTField0')).toEqual({ name: 'PropertyTypeTaxHTField0', hidden: true });
});

test('one stated property per kind gives exactly that change, and apply converges', async () => {
  const cases: [string, string, string, string][] = [
    ['a content type description', 'description: A decision in a case', 'description: A decision of the board', 'site[/sites/ct-a]/contentType[Beslut]'],
    ['a column link required', '      - use: caseNumber\n        required: true', '      - use: caseNumber\n        required: false', 'site[/sites/ct-a]/contentType[Beslut]'],
    ['a term English label', 'labels: { en-US: Application }', 'labels: { en-US: Permit application }', 'termGroup[Samhällsbyggnad]/termSet[Processteg]/term[Bygglov/Ansökan]'],
    ['a term set description', 'description: The steps of a case', 'description: Steps of a case', 'termGroup[Samhällsbyggnad]/termSet[Processteg]'],
    ['a list default content type', 'defaultContentType: decision', 'defaultContentType: application', 'site[/sites/ct-a]/list[Arenden]/contentType[Ansökan]'],
    ['a term group description', 'description: Terms of the department', 'description: The department terms', 'termGroup[Samhällsbyggnad]'],
  ];
  let text = BASE;
  for (const [what, from, to, address] of cases) {
    expect(text.includes(from), what).toBe(true);
    text = text.replace(from, to);
    const changes = await changesOf(text);
    // the column link lives on two sites: one change on each, and one on the library's copy of
    // the type (Graph does not carry a site type's change to the lists' copies)
    const expected =
      what === 'a column link required'
        ? [address, address.replace('ct-a', 'ct-b'), 'site[/sites/ct-a]/list[Arenden]/contentType[Beslut]']
        : what === 'a content type description'
          ? [address, address.replace('ct-a', 'ct-b')]
          : [address];
    expect(changes.map((c) => `${c.action} ${c.address}`).sort(), what).toEqual(expected.map((a) => `update ${a}`).sort());
    await applyAndConverge(text);
  }
  // the library's default is now Ansökan
  const a = await siteId('/sites/ct-a');
  const lib = await target.client.graph.get<{ id: string }>(`/sites/${a}/lists/Arenden`);
  const web = target.client.sp.web(`https://${target.client.sharepointHost}/sites/ct-a`).web;
  const { SPInstance } = await import('@pnp/sp');
  const folder = await target.client.sp.call(() => SPInstance(web.lists.getById(lib.id), 'RootFolder').select('ContentTypeOrder')<{ ContentTypeOrder: { StringValue: string }[] }>());
  expect(folder.ContentTypeOrder[0]?.StringValue.startsWith(contentTypeId('Ansökan', '0x0101'))).toBe(true);
});

test("a site type's links change: the library's copy follows (a link removed, one added, one made required), and converges", async () => {
  const before = BASE.replace('    columns:\n      - use: caseNumber\nsites:', '    columns:\n      - use: caseNumber\n      - use: propertyType\nsites:');
  expect(before).not.toBe(BASE);
  await applyAndConverge(before);
  const a = await siteId('/sites/ct-a');
  const lib = await target.client.graph.get<{ id: string }>(`/sites/${a}/lists/Arenden`);
  const links = async () => {
    const cts = await target.client.graph.list<{ id: string; name: string }>(`/sites/${a}/lists/${lib.id}/contentTypes`);
    const copy = cts.find((c) => c.name === 'Ansökan')!;
    const cols = await target.client.graph.list<{ name: string; required: boolean }>(`/sites/${a}/lists/${lib.id}/contentTypes/${copy.id}/columns`);
    return cols.filter((c) => c.name !== 'Title' && c.name !== 'FileLeafRef' && c.name !== 'ContentType').map((c) => `${c.name}:${c.required}`).sort();
  };
  expect(await links()).toEqual(['CaseNumber:false', 'PropertyType:false']);
  // Ansökan: PropertyType removed, CaseNumber required; the site ct-b has no PropertyType column, so only ct-a's type changes
  const after = BASE.replace('    group: Case documents\n    columns:\n      - use: caseNumber\nsites:', '    group: Case documents\n    columns:\n      - use: caseNumber\n        required: true\nsites:');
  expect(after).not.toBe(BASE);
  const changes = await changesOf(after);
  expect(changes.map((c) => `${c.action} ${c.address}`).sort()).toEqual(['update site[/sites/ct-a]/contentType[Ansökan]', 'update site[/sites/ct-a]/list[Arenden]/contentType[Ansökan]']);
  await applyAndConverge(after);
  expect(await links()).toEqual(['CaseNumber:true']);
  // the link's column came to the list with it, and stays there when the link goes (its values live there)
  const listColumns = async () => (await target.client.graph.list<{ name: string }>(`/sites/${a}/lists/${lib.id}/columns`)).map((c) => c.name);
  expect(await listColumns()).toContain('PropertyType');
  // linked again: the list's own column is bound
  await applyAndConverge(before);
  expect(await links()).toEqual(['CaseNumber:false', 'PropertyType:false']);
});

test('an app that is not a term store administrator: apply fails on the term group with the fix named, creates nothing, and reads still plan', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-ct-noadmin-'));
  const t = await openTarget({ tenant: 'local', cwd, local: { appIsTermStoreAdministrator: false } });
  try {
    const desired = await desiredOf(
      `version: 1
name: no-admin
termStore:
  groups:
    - name: Otillåten
      termSets:
        - name: Set
          terms:
            - name: Term
`,
      'no-admin.yaml',
    );
    const plan = await planDesired(desired, t.client, t.name);
    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['create termGroup[Otillåten]', 'create termGroup[Otillåten]/termSet[Set]', 'create termGroup[Otillåten]/termSet[Set]/term[Term]']);
    const result = await applyRun(t, plan, { concurrency: 4 });
    expect(result.succeeded).toEqual([]);
    expect(result.failed.map((f) => f.address)).toEqual(['termGroup[Otillåten]']);
    expect(result.failed[0]!.error).toMatch(/Access denied.*term store administrator/s);
    expect(result.skipped.map((x) => x.address).sort()).toEqual(['termGroup[Otillåten]/termSet[Set]', 'termGroup[Otillåten]/termSet[Set]/term[Term]']);
    expect(await delegatedGraphList(join(stateDirOf(cwd), 'local-tenant'), '/sites/root/termStore/groups')).toEqual([]);
    // nothing changed: the same plan again
    expect((await planDesired(desired, t.client, t.name)).changes.filter((c) => c.action !== 'noop')).toHaveLength(3);
  } finally {
    await t.close();
  }
});

test('a term store create whose object already exists (a lost answer) adopts it: one group, set and term in the tenant', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-ct-twice-'));
  const t = await openTarget({ tenant: 'local', cwd });
  try {
    const desired = await desiredOf(
      `version: 1
name: twice
termStore:
  language: sv-SE
  groups:
    - name: Två gånger
      termSets:
        - name: Mängd
          names: { en-US: Set }
          terms:
            - { name: Term, labels: { en-US: Term (en) } }
`,
      'twice.yaml',
    );
    const plan = await planDesired(desired, t.client, t.name);
    expect(plan.changes).toHaveLength(3);
    expect((await applyRun(t, plan, { concurrency: 4 })).failed).toEqual([]);
    // the same creates again, as after answers that were lost: each is adopted
    const events: ApplyEvent[] = [];
    const again = await applyRun(t, plan, { concurrency: 4, onEvent: (e) => events.push(e) });
    expect(again.failed).toEqual([]);
    const adopted = events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address);
    expect(adopted.sort()).toEqual(plan.changes.map((c) => c.address).sort());
    const dir = join(stateDirOf(cwd), 'local-tenant');
    const groups = await delegatedGraphList<{ id: string; displayName: string }>(dir, '/sites/root/termStore/groups');
    expect(groups.map((g) => g.displayName)).toEqual(['Två gånger']);
    const sets = await delegatedGraphList<{ id: string; localizedNames: { name: string; languageTag: string }[] }>(dir, `/sites/root/termStore/groups/${groups[0]!.id}/sets`);
    expect(sets).toHaveLength(1);
    expect(sets[0]!.localizedNames).toEqual(expect.arrayContaining([{ languageTag: 'sv-SE', name: 'Mängd' }, { languageTag: 'en-US', name: 'Set' }]));
    const terms = await delegatedGraphList<{ labels: { name: string; languageTag: string; isDefault: boolean }[] }>(dir, `/sites/root/termStore/sets/${sets[0]!.id}/children`);
    expect(terms).toHaveLength(1);
    expect(terms[0]!.labels.filter((l) => l.isDefault)).toEqual(expect.arrayContaining([{ name: 'Term', languageTag: 'sv-SE', isDefault: true }, { name: 'Term (en)', languageTag: 'en-US', isDefault: true }]));
    expect((await planDesired(desired, t.client, t.name)).changes.filter((c) => c.action !== 'noop')).toEqual([]);
  } finally {
    await t.close();
  }
});
