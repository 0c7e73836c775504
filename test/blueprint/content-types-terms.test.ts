/**
 * The blueprint's `contentTypes:` (top level, per site, per list, `defaultContentType`),
 * `termStore:` and taxonomy columns: expansion into the exact resources with deterministic
 * content type ids, `{{ row.x }}` templates in these keys, and BP520-BP525 at their line:col.
 */
import { expect, test } from 'vitest';
import { contentTypeId } from '../../src/kinds/content-type/id.ts';
import { load, where } from './helpers.ts';

const OWNER = 'anna.andersson@contoso.onmicrosoft.com';

function lines(text: string): string[] {
  return text.replace(/^\n/, '').replace(/\n$/, '').split('\n');
}

const FULL = lines(`
version: 1
name: ct
columns:
  caseNumber: { name: CaseNumber, type: text }
  propertyType: { name: PropertyType, type: taxonomy, termSet: "Samhällsbyggnad/Fastighetstyper", allowMultiple: true }
termStore:
  language: sv-SE
  groups:
    - name: Samhällsbyggnad
      description: Terms
      termSets:
        - name: Fastighetstyper
          names: { en-US: Property types }
          description: Types
          terms:
            - name: Småhus
              labels: { en-US: Small house }
              description: Houses
              properties: { code: S }
              children:
                - { name: Villa, labels: { en-US: Detached house } }
            - name: Industri
contentTypes:
  decision:
    name: Beslut
    group: Case documents
    description: A decision
    columns:
      - { use: caseNumber, required: true }
      - use: propertyType
  folder: { name: Ärendemapp, parent: Folder }
sites:
  - url: /sites/a
    type: communication
    title: A
    owner: ${OWNER}
    columns:
      - use: caseNumber
      - use: propertyType
    contentTypes:
      - use: decision
      - use: folder
    lists:
      - url: Docs
        template: documentLibrary
        columns:
          - use: caseNumber
        contentTypes: [decision, folder]
        defaultContentType: folder
`);

test('contentTypeId: parent id + 00 + 32 upper-case hex digits of a UUID v5 of the name, stable', () => {
  const id = contentTypeId('Beslut', '0x0101');
  expect(id).toMatch(/^0x010100[0-9A-F]{32}$/);
  expect(contentTypeId('Beslut', '0x0101')).toBe(id);
  expect(contentTypeId('Ansökan', '0x0101')).not.toBe(id);
  expect(contentTypeId('Beslut', '0x0120')).toBe(`0x0120${id.slice('0x0101'.length)}`);
  expect(contentTypeId('Beslut', '0x01')).toMatch(/^0x0100[0-9A-F]{32}$/);
});

test('each key expands into the exact resources: term group, set, terms by path, taxonomy column, site and list content types', async () => {
  const r = await load(FULL);
  expect(r.diagnostics).toEqual([]);
  const rs = r.desired!.resources.filter((x) => x.kind !== 'commSite');
  const decision = contentTypeId('Beslut', '0x0101');
  const folder = contentTypeId('Ärendemapp', '0x0120');
  const set = 'termGroup[Samhällsbyggnad]/termSet[Fastighetstyper]';
  expect(rs.map((x) => ({ kind: x.kind, address: x.address, parent: x.parent, props: x.props, after: x.after }))).toEqual([
    { kind: 'termGroup', address: 'termGroup[Samhällsbyggnad]', parent: undefined, props: { name: 'Samhällsbyggnad', description: 'Terms' }, after: undefined },
    {
      kind: 'termSet',
      address: set,
      parent: 'termGroup[Samhällsbyggnad]',
      props: { name: 'Fastighetstyper', names: { 'en-US': 'Property types' }, description: 'Types', language: 'sv-SE', owner: 'ct' },
      after: undefined,
    },
    {
      kind: 'term',
      address: `${set}/term[Småhus]`,
      parent: set,
      props: { path: 'Småhus', name: 'Småhus', labels: { 'en-US': 'Small house' }, description: 'Houses', properties: { code: 'S' }, language: 'sv-SE', owner: 'ct' },
      after: undefined,
    },
    {
      kind: 'term',
      address: `${set}/term[Småhus/Villa]`,
      parent: `${set}/term[Småhus]`,
      props: { path: 'Småhus/Villa', name: 'Villa', labels: { 'en-US': 'Detached house' }, language: 'sv-SE', owner: 'ct' },
      after: undefined,
    },
    { kind: 'term', address: `${set}/term[Industri]`, parent: set, props: { path: 'Industri', name: 'Industri', language: 'sv-SE', owner: 'ct' }, after: undefined },
    { kind: 'column', address: 'site[/sites/a]/column[CaseNumber]', parent: 'site[/sites/a]', props: expect.objectContaining({ name: 'CaseNumber', type: 'text' }), after: undefined },
    {
      kind: 'column',
      address: 'site[/sites/a]/column[PropertyType]',
      parent: 'site[/sites/a]',
      props: expect.objectContaining({ name: 'PropertyType', type: 'taxonomy', termSet: 'Samhällsbyggnad/Fastighetstyper', allowMultiple: true }),
      after: [set],
    },
    {
      kind: 'contentType',
      address: 'site[/sites/a]/contentType[Beslut]',
      parent: 'site[/sites/a]',
      props: {
        name: 'Beslut',
        id: decision,
        parentId: '0x0101',
        description: 'A decision',
        group: 'Case documents',
        columns: [
          { name: 'CaseNumber', required: true },
          { name: 'PropertyType', required: false },
        ],
      },
      after: ['site[/sites/a]/column[CaseNumber]', 'site[/sites/a]/column[PropertyType]'],
    },
    { kind: 'contentType', address: 'site[/sites/a]/contentType[Ärendemapp]', parent: 'site[/sites/a]', props: { name: 'Ärendemapp', id: folder, parentId: '0x0120' }, after: undefined },
    { kind: 'list', address: 'site[/sites/a]/list[Docs]', parent: 'site[/sites/a]', props: { url: 'Docs', title: 'Docs', template: 'documentLibrary' }, after: undefined },
    { kind: 'column', address: 'site[/sites/a]/list[Docs]/column[CaseNumber]', parent: 'site[/sites/a]/list[Docs]', props: expect.objectContaining({ name: 'CaseNumber' }), after: undefined },
    {
      kind: 'listContentType',
      address: 'site[/sites/a]/list[Docs]/contentType[Beslut]',
      parent: 'site[/sites/a]/list[Docs]',
      // the site type's links, as the list's copy must have them
      props: { name: 'Beslut', contentTypeId: decision, columns: [{ name: 'CaseNumber', required: true }, { name: 'PropertyType', required: false }] },
      after: ['site[/sites/a]/contentType[Beslut]', 'site[/sites/a]/list[Docs]/column[CaseNumber]', 'site[/sites/a]/list[Docs]/column[PropertyType]'],
    },
    {
      kind: 'listContentType',
      address: 'site[/sites/a]/list[Docs]/contentType[Ärendemapp]',
      parent: 'site[/sites/a]/list[Docs]',
      props: { name: 'Ärendemapp', contentTypeId: folder, default: true },
      after: ['site[/sites/a]/contentType[Ärendemapp]'],
    },
  ]);
  // Each resource points at where it was written.
  const at = (address: string) => r.desired!.resources.find((x) => x.address === address)!.source;
  expect(at('termGroup[Samhällsbyggnad]')).toMatchObject({ line: 9, col: 7 });
  expect(at(`${set}/term[Småhus/Villa]`)).toMatchObject({ line: 21, col: 19 });
  expect(at('site[/sites/a]/contentType[Beslut]')).toMatchObject({ line: 41, col: 9 });
  expect(at('site[/sites/a]/list[Docs]/contentType[Ärendemapp]')).toMatchObject({ line: 48, col: 34 });
});

test('templates: {{ row.x }} in a site\'s contentTypes use, a list\'s contentTypes and defaultContentType; the same id on every site', async () => {
  const r = await load([
    'version: 1',
    'name: ct',
    'columns:',
    '  caseNumber: { name: CaseNumber, type: text }',
    'contentTypes:',
    '  decision: { name: Beslut, columns: [ { use: caseNumber } ] }',
    '  application: { name: Ansökan }',
    'templates:',
    '  stage:',
    '    type: communication',
    '    url: /sites/{{ row.alias }}',
    '    title: "{{ row.alias }}"',
    `    owner: ${OWNER}`,
    '    columns: [ { use: caseNumber } ]',
    '    contentTypes:',
    '      - use: decision',
    '      - use: "{{ row.ct }}"',
    '    lists:',
    '      - url: Docs',
    '        template: documentLibrary',
    '        contentTypes: [decision, "{{ row.ct }}"]',
    '        defaultContentType: "{{ row.default }}"',
    'workspaces:',
    '  - template: stage',
    '    rows:',
    '      - { alias: a, ct: application, default: decision }',
    '      - { alias: b, ct: application, default: application }',
  ]);
  expect(r.diagnostics).toEqual([]);
  const got = r.desired!.resources.filter((x) => x.kind === 'contentType' || x.kind === 'listContentType').map((x) => [x.address, x.props]);
  const decision = contentTypeId('Beslut', '0x0101');
  const application = contentTypeId('Ansökan', '0x0101');
  expect(got).toEqual([
    ['site[/sites/a]/contentType[Beslut]', { name: 'Beslut', id: decision, parentId: '0x0101', columns: [{ name: 'CaseNumber', required: false }] }],
    ['site[/sites/a]/contentType[Ansökan]', { name: 'Ansökan', id: application, parentId: '0x0101' }],
    ['site[/sites/a]/list[Docs]/contentType[Beslut]', { name: 'Beslut', contentTypeId: decision, default: true, columns: [{ name: 'CaseNumber', required: false }] }],
    ['site[/sites/a]/list[Docs]/contentType[Ansökan]', { name: 'Ansökan', contentTypeId: application }],
    ['site[/sites/b]/contentType[Beslut]', { name: 'Beslut', id: decision, parentId: '0x0101', columns: [{ name: 'CaseNumber', required: false }] }],
    ['site[/sites/b]/contentType[Ansökan]', { name: 'Ansökan', id: application, parentId: '0x0101' }],
    ['site[/sites/b]/list[Docs]/contentType[Beslut]', { name: 'Beslut', contentTypeId: decision, columns: [{ name: 'CaseNumber', required: false }] }],
    ['site[/sites/b]/list[Docs]/contentType[Ansökan]', { name: 'Ansökan', contentTypeId: application, default: true }],
  ]);
});

test('templates: a row naming an unknown content type is BP520 at the templated key, naming the row', async () => {
  const r = await load([
    'version: 1',
    'name: ct',
    'contentTypes:',
    '  decision: { name: Beslut }',
    'templates:',
    '  stage:',
    '    type: communication',
    '    url: /sites/{{ row.alias }}',
    '    title: "{{ row.alias }}"',
    `    owner: ${OWNER}`,
    '    contentTypes:',
    '      - use: "{{ row.ct }}"',
    'workspaces:',
    '  - template: stage',
    '    rows:',
    '      - { alias: a, ct: decision }',
    '      - { alias: b, ct: decisoin }',
  ]);
  expect(where(r)).toEqual(['BP520 12:14']);
  expect(r.diagnostics[0]!.message).toContain("unknown content type 'decisoin' (did you mean 'decision'?)");
  expect(r.diagnostics[0]!.message).toContain('row 2 of workspaces[0].rows');
});

// ---------------------------------------------------------------- diagnostics

const SITE = ['sites:', '  - url: /sites/a', '    type: communication', '    title: A', `    owner: ${OWNER}`];

test('BP520: a site uses an unknown content type; a list names an unknown one or one its site does not add', async () => {
  const r = await load([
    'version: 1',
    'name: ct',
    'columns:',
    '  caseNumber: { name: CaseNumber, type: text }',
    'contentTypes:',
    '  decision: { name: Beslut }',
    '  application: { name: Ansökan }',
    ...SITE,
    '    contentTypes:',
    '      - use: decison',
    '      - use: decision',
    '    lists:',
    '      - url: Docs',
    '        template: documentLibrary',
    '        contentTypes: [decision, nothing, application]',
  ]);
  expect(where(r)).toEqual(['BP520 14:14', 'BP520 19:34', 'BP520 19:43']);
  expect(r.diagnostics.map((d) => d.message)).toEqual([
    "unknown content type 'decison' (did you mean 'decision'?)",
    "unknown content type 'nothing'",
    "content type 'application' is not a content type of the site: add '- use: application' to the site's contentTypes",
  ]);
  expect(r.desired).toBeUndefined();
});

test('BP520: no top-level contentTypes map at all says so', async () => {
  const r = await load(['version: 1', 'name: ct', ...SITE, '    contentTypes:', '      - use: decision']);
  expect(where(r)).toEqual(['BP520 9:14']);
  expect(r.diagnostics[0]!.message).toContain('there is no top-level contentTypes: map');
});

test('BP521: a content type links a column that is not a site column of the site using it', async () => {
  const r = await load([
    'version: 1',
    'name: ct',
    'columns:',
    '  caseNumber: { name: CaseNumber, type: text }',
    '  decisionDate: { name: DecisionDate, type: dateTime }',
    'contentTypes:',
    '  decision: { name: Beslut, columns: [ { use: caseNumber }, { use: decisionDate } ] }',
    ...SITE,
    '    columns: [ { use: caseNumber } ]',
    '    contentTypes:',
    '      - use: decision',
  ]);
  expect(where(r)).toEqual(['BP521 15:14']);
  expect(r.diagnostics[0]!.message).toBe(
    "content type 'Beslut' links column 'DecisionDate', which is not a site column of the site: add '- use: decisionDate' to the site's columns",
  );
});

test('BP522: defaultContentType must be one of the list\'s contentTypes', async () => {
  const r = await load([
    'version: 1',
    'name: ct',
    'contentTypes:',
    '  decision: { name: Beslut }',
    '  application: { name: Ansökan }',
    ...SITE,
    '    contentTypes: [ { use: decision }, { use: application } ]',
    '    lists:',
    '      - url: Docs',
    '        template: documentLibrary',
    '        contentTypes: [decision]',
    '        defaultContentType: application',
  ]);
  expect(where(r)).toEqual(['BP522 16:29']);
  expect(r.diagnostics[0]!.message).toBe("default content type 'application' is not one of the list's contentTypes (decision)");
});

test('BP523: a taxonomy column without termSet, or naming a term set termStore: does not declare', async () => {
  const r = await load([
    'version: 1',
    'name: ct',
    'termStore:',
    '  groups:',
    '    - name: Samhällsbyggnad',
    '      termSets:',
    '        - { name: Fastighetstyper, names: { sv-SE: Fastighetstyper, en-US: Property types } }',
    'columns:',
    '  a: { name: A, type: taxonomy }',
    '  b: { name: B, type: taxonomy, termSet: "Samhällsbyggnad/Fastighetstyp" }',
    '  c: { name: C, type: taxonomy, termSet: "Samhällsbyggnad/Property types" }',
  ]);
  expect(where(r)).toEqual(['BP523 9:6', 'BP523 10:42']);
  expect(r.diagnostics.map((d) => d.message)).toEqual([
    'taxonomy column \'A\' needs termSet: "Group/Set", a term set declared in termStore:',
    "term set 'Samhällsbyggnad/Fastighetstyp' is not declared in termStore: (did you mean 'samhällsbyggnad/fastighetstyper'?)",
  ]);
});

test('BP523: without any termStore groups, a taxonomy column says so', async () => {
  const r = await load(['version: 1', 'name: ct', 'columns:', '  a: { name: A, type: taxonomy, termSet: "G/S" }']);
  expect(where(r)).toEqual(['BP523 4:42']);
  expect(r.diagnostics[0]!.message).toContain('(there is no termStore: groups)');
});

test('BP524: duplicate term groups, term sets in a group and sibling terms (case-insensitive); same names elsewhere are fine', async () => {
  const r = await load([
    'version: 1',
    'name: ct',
    'termStore:',
    '  groups:',
    '    - name: G',
    '      termSets:',
    '        - name: S',
    '          terms:',
    '            - name: Bygglov',
    '              children: [ { name: Ansökan }, { name: ansökan } ]',
    '            - name: BYGGLOV',
    '            - name: Ansökan',
    '        - name: s',
    '        - name: T',
    '          terms: [ { name: Bygglov } ]',
    '    - name: g',
    '    - name: H',
    '      termSets: [ { name: S } ]',
  ]);
  expect(where(r)).toEqual(['BP524 10:54', 'BP524 11:21', 'BP524 13:17', 'BP524 16:13']);
  expect(r.diagnostics.map((d) => d.message)).toEqual([
    "duplicate term 'Bygglov/ansökan': names are unique among siblings (case-insensitive)",
    "duplicate term 'BYGGLOV': names are unique among siblings (case-insensitive)",
    "duplicate term set 's' in group 'G': names are unique among siblings (case-insensitive)",
    "duplicate term group 'g': names are unique among siblings (case-insensitive)",
  ]);
});

test('BP525: termSet or allowMultiple on a column that is not taxonomy; a default on a taxonomy column', async () => {
  const r = await load([
    'version: 1',
    'name: ct',
    'termStore:',
    '  groups: [ { name: G, termSets: [ { name: S } ] } ]',
    'columns:',
    '  a: { name: A, type: text, termSet: G/S }',
    '  b: { name: B, type: choice, choices: [x], allowMultiple: true }',
    '  c: { name: C, type: taxonomy, termSet: G/S, default: Villa }',
  ]);
  expect(where(r)).toEqual(['BP525 6:29', 'BP525 7:45', 'BP525 8:56']);
  expect(r.diagnostics.map((d) => d.message)).toEqual([
    "'termSet' is for taxonomy columns; 'A' is a text column",
    "'allowMultiple' is for taxonomy columns; 'B' is a choice column",
    "defaults of taxonomy columns are not supported yet ('C')",
  ]);
});
