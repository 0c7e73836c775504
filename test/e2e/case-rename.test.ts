/**
 * Case-only renames (held-out blueprints of issue 8): SharePoint compares names
 * case-insensitively, so renaming `dokument` to `Dokument` (and the same for a column, a content
 * type, a role definition, a group, a navigation node and a term) is never a delete and a create
 * of the same object, with prune on or off. Each apply converges (a fresh plan is empty).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTarget, stateDirOf, type Target } from '../../src/tenant/target.ts';
import { delegatedGraphList } from '../support/delegated-token.ts';
import { engineSteps } from '../support/engine-steps.ts';

const OWNER = 'anna.andersson@contoso.onmicrosoft.com';
const SITE = '/sites/case-rename';
const TS = '/sites/root/termStore';

function blueprint(o: { upper: boolean; prune: boolean; site?: string }): string {
  const site = o.site ?? SITE;
  const n = (s: string) => (o.upper ? s[0]!.toUpperCase() + s.slice(1) : s);
  return `version: 1
name: case-rename
${o.prune ? 'prune: [list, column, contentType, listContentType, roleDefinition, siteGroup, navigationNode, view, term]\n' : ''}columns:
  caseNo: { name: ${n('caseNo')}, type: text }
termStore:
  language: en-US
  groups:
    - name: Case group ${site.split('/').pop()}
      termSets:
        - name: Steps
          terms:
            - name: ${n('inkommen')}
contentTypes:
  beslut: { name: ${n('beslut')}, columns: [ { use: caseNo } ] }
sites:
  - url: ${site}
    type: communication
    title: Case rename
    owner: ${OWNER}
    columns:
      - use: caseNo
    contentTypes:
      - use: beslut
    navigation:
      quickLaunch:
        - { title: ${n('kontakt')}, url: "https://www.example.org/kontakt" }
    permissions:
      roleDefinitions:
        - name: ${n('läsare')}
          basePermissions: [ViewListItems, Open, ViewPages]
      groups:
        - name: ${n('handläggare')}
          members: [${OWNER}]
    lists:
      - url: ${n('dokument')}
        template: documentLibrary
        contentTypes: [beslut]
        columns:
          - { name: ${n('diarieNr')}, type: text }
        views:
          - name: ${n('alla')}
            columns: [LinkFilename]
`;
}

let target: Target;
let tenantDir = '';
const { changesOf, applyAndConverge } = engineSteps(() => target, 'case-rename.yaml');

beforeAll(async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-case-'));
  target = await openTarget({ tenant: 'local', cwd });
  tenantDir = join(stateDirOf(cwd), 'local-tenant');
});
afterAll(async () => {
  await target?.close();
});


/** The names the tenant holds for each renamed object, as stored. */
async function names(sitePath: string) {
  const c = target.client;
  const site = (await c.graph.find<{ id: string; webUrl: string }>(`/sites/${c.sharepointHost}:${sitePath}`))!;
  const sp = <T>(path: string) => c.sp.get<T>(`${sitePath.slice(1)}/_api/web/${path}`);
  const lists = await c.graph.list<{ name: string; displayName: string }>(`/sites/${site.id}/lists?$select=name,displayName`);
  const doc = lists.find((l) => l.name.toLowerCase() === 'dokument')!;
  const siteCols = await c.graph.list<{ name: string }>(`/sites/${site.id}/columns`);
  const listCols = await c.graph.list<{ name: string }>(`/sites/${site.id}/lists/${doc.name}/columns`);
  const cts = await c.graph.list<{ name: string; isBuiltIn?: boolean }>(`/sites/${site.id}/contentTypes`);
  const defs = await sp<{ Name: string }[]>('roledefinitions');
  const groups = await sp<{ Title: string }[]>('sitegroups');
  const nodes = await sp<{ Title: string }[]>('navigation/quicklaunch');
  const views = await sp<{ Title: string }[]>(`lists(guid'${(await sp<{ Id: string }>(`lists/getbytitle('${doc.displayName}')?$select=Id`)).Id}')/views`);
  // the term store as a signed-in admin sees it (Graph's term store serves no app-only token)
  const group = (await delegatedGraphList<{ id: string; displayName: string }>(tenantDir, `${TS}/groups`)).find((g) => g.displayName === `Case group ${sitePath.split('/').pop()}`)!;
  const set = (await delegatedGraphList<{ id: string; localizedNames: { name: string }[] }>(tenantDir, `${TS}/groups/${group.id}/sets`))[0]!;
  const terms = await delegatedGraphList<{ labels: { name: string; isDefault: boolean }[] }>(tenantDir, `${TS}/sets/${set.id}/children`);
  const pick = (all: string[], n: string) => all.filter((x) => x.toLowerCase() === n.toLowerCase());
  return {
    list: pick(lists.map((l) => l.name), 'dokument'),
    listTitle: doc.displayName,
    siteColumn: pick(siteCols.map((x) => x.name), 'caseNo'),
    listColumn: pick(listCols.map((x) => x.name), 'diarieNr'),
    contentType: pick(cts.filter((x) => !x.isBuiltIn).map((x) => x.name), 'beslut'),
    roleDefinition: pick(defs.map((d) => d.Name), 'läsare'),
    group: pick(groups.map((g) => g.Title), 'handläggare'),
    node: pick(nodes.map((n) => n.Title), 'kontakt'),
    view: pick(views.map((v) => v.Title), 'alla'),
    term: pick(terms.map((t) => t.labels.find((l) => l.isDefault)!.name), 'inkommen'),
  };
}

function summary(changes: Awaited<ReturnType<typeof changesOf>>): string[] {
  return changes.map((c) => `${c.action} ${c.address}${c.action === 'update' ? ' ' + c.changes.map((d) => d.name).join(',') : ''}`).sort();
}

test('a case-only rename with prune on is an update of what can be renamed, never a delete or a create, and converges', async () => {
  await applyAndConverge(blueprint({ upper: false, prune: true }));
  const renamed = blueprint({ upper: true, prune: true });
  expect(summary(await changesOf(renamed))).toEqual(
    [
      'update site[/sites/case-rename]/column[CaseNo] displayName',
      'update site[/sites/case-rename]/contentType[Beslut] name',
      'update site[/sites/case-rename]/group[Handläggare] name',
      'update site[/sites/case-rename]/list[Dokument] title',
      'update site[/sites/case-rename]/list[Dokument]/column[DiarieNr] displayName',
      'update site[/sites/case-rename]/list[Dokument]/view[Alla] name',
      'update site[/sites/case-rename]/navigation[quickLaunch]/node[Kontakt] title',
      'update site[/sites/case-rename]/roleDefinition[Läsare] name',
      'update termGroup[Case group case-rename]/termSet[Steps]/term[Inkommen] name',
    ].sort(),
  );
  await applyAndConverge(renamed);
  // One object each; what SharePoint lets rename carries the new casing, a list's URL and a
  // field's internal name keep the stored one (the service cannot change them).
  expect(await names(SITE)).toEqual({
    list: ['dokument'],
    listTitle: 'Dokument',
    siteColumn: ['caseNo'],
    listColumn: ['diarieNr'],
    contentType: ['Beslut'],
    roleDefinition: ['Läsare'],
    group: ['Handläggare'],
    node: ['Kontakt'],
    view: ['Alla'],
    term: ['Inkommen'],
  });
});

test('without prune, a case-renamed column and content type are read and converge (no create that fails forever)', async () => {
  const site = '/sites/case-noprune';
  await applyAndConverge(blueprint({ upper: true, prune: false, site }));
  const lower = blueprint({ upper: false, prune: false, site });
  const changes = await changesOf(lower);
  expect(changes.filter((c) => c.action !== 'update').map((c) => `${c.action} ${c.address}`)).toEqual([]);
  expect(summary(changes)).toContain(`update site[${site}]/contentType[beslut] name`);
  expect(summary(changes)).toContain(`update site[${site}]/column[caseNo] displayName`);
  await applyAndConverge(lower);
  const now = await names(site);
  expect(now.contentType).toEqual(['beslut']);
  expect(now.siteColumn).toEqual(['CaseNo']);
  expect(now.listColumn).toEqual(['DiarieNr']);
  expect(now.list).toEqual(['Dokument']);
  expect(now.listTitle).toBe('dokument');
});
