/**
 * The blueprint's views (`views:` on lists), navigation, hub sites (`hub:`, `hubSite:`) and site
 * settings (`settings:`): expansion into resources, templates, and the BP56x checks with their
 * places. Also the CAML round trip the view provider compares with.
 */
import { expect, test } from 'vitest';
import { normalizeFilter, parseViewQuery, rawWhere, viewQueryXml } from '../../src/kinds/view/caml.ts';
import { navigationNodeRules as navigationNodeProvider, normalizeNavUrl } from '../../src/kinds/navigation-node/rules.ts';
import { viewRules as viewProvider } from '../../src/kinds/view/rules.ts';
import { HEAD, load, UPN1, where } from './helpers.ts';

const SITE = [
  'columns:',
  '  step: { name: ProcessStep, type: choice, choices: [Inkommen, Beslut] }',
  '  officer: { name: ResponsibleOfficer, type: user }',
  'sites:',
  '  - url: /sites/hub',
  '    type: communication',
  '    title: Hub',
  `    owner: ${UPN1}`,
  '    hub:',
  '      title: Hubben',
  '      logo: https://contoso.sharepoint.com/sites/hub/SiteAssets/logo.png',
  '      navigation:',
  '        - title: Processer',
  '          url: /sites/hub',
  '          children:',
  '            - { title: Bygglov, url: /sites/bygglov }',
  '    navigation:',
  '      quickLaunch:',
  '        - { title: Bygglov, url: /sites/bygglov }',
  '        - { title: Kontakt, url: "https://www.botkyrka.se" }',
  '    settings:',
  '      propertyBag: { a.b: c }',
  '      localeId: 1053',
  '      timeZoneId: 4',
];

test('views, navigation, hub, association and settings expand into resources with their dependencies', async () => {
  const r = await load([
    ...HEAD,
    ...SITE,
    '  - url: /sites/bygglov',
    '    type: communication',
    '    title: Bygglov',
    `    owner: ${UPN1}`,
    '    hubSite: /sites/hub',
    '    lists:',
    '      - url: Arenden',
    '        template: documentLibrary',
    '        columns: [{ use: step }, { use: officer }]',
    '        views:',
    '          - name: Beslutade',
    '            columns: [DocIcon, LinkFilename, ProcessStep]',
    '            filter: { column: ProcessStep, eq: Beslut }',
    '            groupBy: [ResponsibleOfficer]',
    '            collapsed: true',
    '            orderBy: [{ column: Modified, ascending: false }, { column: ProcessStep }]',
    '            rowLimit: 50',
    '            default: true',
  ]);
  expect(r.diagnostics).toEqual([]);
  const rs = r.desired!.resources;
  const by = (a: string) => rs.find((x) => x.address === a)!;
  const kinds = rs.filter((x) => ['view', 'navigationNode', 'hubSite', 'hubAssociation', 'siteSettings'].includes(x.kind)).map((x) => `${x.kind} ${x.address}`);
  expect(kinds).toEqual([
    'navigationNode site[/sites/hub]/navigation[quickLaunch]/node[Bygglov]',
    'navigationNode site[/sites/hub]/navigation[quickLaunch]/node[Kontakt]',
    'navigationNode site[/sites/hub]/navigation[topNavigation]/node[Processer]',
    'navigationNode site[/sites/hub]/navigation[topNavigation]/node[Processer]/node[Bygglov]',
    'hubSite site[/sites/hub]/hub',
    'siteSettings site[/sites/hub]/settings',
    'view site[/sites/bygglov]/list[Arenden]/view[Beslutade]',
    'hubAssociation site[/sites/bygglov]/hubAssociation',
  ]);
  expect(by('site[/sites/bygglov]/list[Arenden]/view[Beslutade]')).toMatchObject({
    parent: 'site[/sites/bygglov]/list[Arenden]',
    props: {
      name: 'Beslutade',
      columns: ['DocIcon', 'LinkFilename', 'ProcessStep'],
      filter: { column: 'ProcessStep', op: 'eq', value: 'Beslut' },
      groupBy: ['ResponsibleOfficer'],
      groupCollapsed: true,
      orderBy: [
        { column: 'Modified', ascending: false },
        { column: 'ProcessStep', ascending: true },
      ],
      rowLimit: 50,
      default: true,
    },
  });
  // the view waits for the list columns it uses (ProcessStep, ResponsibleOfficer); built-ins need nothing
  expect(by('site[/sites/bygglov]/list[Arenden]/view[Beslutade]').after).toEqual([
    'site[/sites/bygglov]/list[Arenden]/column[ProcessStep]',
    'site[/sites/bygglov]/list[Arenden]/column[ResponsibleOfficer]',
  ]);
  // the second node comes after the first: order and dependency
  const kontakt = by('site[/sites/hub]/navigation[quickLaunch]/node[Kontakt]');
  expect(kontakt).toMatchObject({ parent: 'site[/sites/hub]', after: ['site[/sites/hub]/navigation[quickLaunch]/node[Bygglov]'] });
  expect(kontakt.props).toEqual({ location: 'quickLaunch', title: 'Kontakt', url: 'https://www.botkyrka.se', after: 'Bygglov', siblings: ['Bygglov', 'Kontakt'] });
  expect(by('site[/sites/hub]/navigation[topNavigation]/node[Processer]/node[Bygglov]')).toMatchObject({
    parent: 'site[/sites/hub]/navigation[topNavigation]/node[Processer]',
    props: { location: 'topNavigation', after: '', siblings: ['Bygglov'] },
  });
  expect(by('site[/sites/hub]/hub').props).toEqual({ siteUrl: '/sites/hub', title: 'Hubben', logoUrl: 'https://contoso.sharepoint.com/sites/hub/SiteAssets/logo.png' });
  expect(by('site[/sites/bygglov]/hubAssociation')).toMatchObject({ parent: 'site[/sites/bygglov]', after: ['site[/sites/hub]/hub'], props: { siteUrl: '/sites/bygglov', hubUrl: '/sites/hub' } });
  expect(by('site[/sites/hub]/settings').props).toEqual({ siteUrl: '/sites/hub', propertyBag: { 'a.b': 'c' }, localeId: 1053, timeZoneId: 4 });
});

test('templates: placeholders in view names, node titles and hubSite are stamped per row', async () => {
  const r = await load(
    [
      ...HEAD,
      'sites:',
      '  - { url: /sites/hub, type: communication, title: Hub, hub: {} }',
      'templates:',
      '  stage:',
      '    type: team',
      '    url: /sites/{{ row.alias }}',
      '    title: "{{ row.title }}"',
      '    hubSite: "{{ row.hub }}"',
      '    navigation:',
      '      quickLaunch: [{ title: "{{ row.title }} start", url: "/sites/{{ row.alias }}" }]',
      '    lists:',
      '      - url: Docs',
      '        template: documentLibrary',
      '        views: [{ name: "{{ row.title }} beslut", rowLimit: 10 }]',
      'workspaces:',
      '  - template: stage',
      '    rows: stages.csv',
    ],
    { 'stages.csv': 'alias,title,hub\nplan,Plan,/sites/hub\nbygg,Bygg,/sites/hub\n' },
  );
  expect(r.diagnostics).toEqual([]);
  const addrs = r.desired!.resources.map((x) => x.address);
  expect(addrs).toContain('site[/sites/plan]/list[Docs]/view[Plan beslut]');
  expect(addrs).toContain('site[/sites/bygg]/navigation[quickLaunch]/node[Bygg start]');
  expect(r.desired!.resources.find((x) => x.address === 'site[/sites/bygg]/hubAssociation')?.props).toEqual({ siteUrl: '/sites/bygg', hubUrl: '/sites/hub' });
});

test('BP560 a view column the list does not have, at its line:col, with a suggestion', async () => {
  const r = await load([
    ...HEAD,
    'sites:',
    '  - url: /sites/a',
    '    type: communication',
    '    title: A',
    '    lists:',
    '      - url: L',
    '        template: genericList',
    '        columns: [{ name: ProcessStep, type: text }]',
    '        views:',
    '          - name: V',
    '            columns: [LinkTitle, ProcesStep]',
    '            filter: { column: Nope, eq: x }',
    '            orderBy: [{ column: Modified }]',
  ]);
  expect(where(r)).toEqual(['BP560 13:34', 'BP560 14:31']);
  expect(r.diagnostics[0]!.message).toContain("did you mean 'ProcessStep'");
  expect(r.diagnostics[0]!.address).toBe('site[/sites/a]/list[L]/view[V]');
  expect(r.desired).toBeUndefined();
});

test("a view shows only the list's columns: one a content type of the list brings waits for that content type; one only of the site is BP560", async () => {
  const r = await load([
    ...HEAD,
    'columns:',
    '  step: { name: ProcessStep, type: choice, choices: [Inkommen, Beslut] }',
    '  fee: { name: Fee, type: number }',
    'contentTypes:',
    '  decision: { name: Beslut, parent: Document, columns: [{ use: step }] }',
    'sites:',
    '  - url: /sites/a',
    '    type: communication',
    '    title: A',
    '    columns: [{ use: step }, { use: fee }]',
    '    contentTypes: [{ use: decision }]',
    '    lists:',
    '      - url: L',
    '        template: documentLibrary',
    '        contentTypes: [decision]',
    '        views:',
    '          - { name: V, columns: [LinkFilename, ProcessStep], orderBy: [{ column: processstep }] }',
  ]);
  expect(r.diagnostics).toEqual([]);
  expect(r.desired!.resources.find((x) => x.address === 'site[/sites/a]/list[L]/view[V]')?.after).toEqual(['site[/sites/a]/list[L]/contentType[Beslut]']);
  const siteOnly = await load([
    ...HEAD,
    'columns:',
    '  fee: { name: Fee, type: number }',
    'sites:',
    '  - url: /sites/a',
    '    type: communication',
    '    title: A',
    '    columns: [{ use: fee }]',
    '    lists:',
    '      - url: L',
    '        template: documentLibrary',
    '        views:',
    '          - { name: V, columns: [LinkFilename, Fee] }',
  ]);
  expect(where(siteOnly)).toEqual(['BP560 14:48']);
  expect(siteOnly.diagnostics[0]!.message).toBe("view column 'Fee' is a column of the site but not of the list: a view shows only the list's own columns (SharePoint refuses another), so add it to the list's columns, or give the list a content type that links it");
});

test("a template's view naming a column by its display name is one BP560 for all the rows, naming the internal name", async () => {
  const r = await load(
    [
      ...HEAD,
      'templates:',
      '  p:',
      '    type: communication',
      '    url: /sites/p-{{ row.code }}',
      '    title: P',
      '    lists:',
      '      - url: L',
      '        template: documentLibrary',
      '        columns: [{ name: ProjStatus, displayName: Status, type: text }]',
      '        views:',
      '          - { name: V, columns: [Name, Status, ProjStatus] }',
      'workspaces:',
      '  - { template: p, rows: rows.csv }',
    ],
    { 'rows.csv': 'code\na\nb\nc\n' },
  );
  // one error a place, not one a row (the message names no row's site: the address does)
  expect(where(r)).toEqual(['BP560 13:34', 'BP560 13:40']);
  expect(r.diagnostics.map((d) => d.message)).toEqual([
    "view column 'Name' is not a column of the list (did you mean 'LinkFilename'? 'Name' is its display name; a view names a column by its internal name): declare it on the list, or use a built-in (LinkTitle, DocIcon, LinkFilename, Modified, Editor...) (in row 1 of rows.csv, line 2, and 2 more rows)",
    "view column 'Status' is not a column of the list (did you mean 'ProjStatus'? 'Status' is its display name; a view names a column by its internal name): declare it on the list, or use a built-in (LinkTitle, DocIcon, LinkFilename, Modified, Editor...) (in row 1 of rows.csv, line 2, and 2 more rows)",
  ]);
});

test("a view's column written on the list but refused by its own check is reported once, at the column (no BP560 besides)", async () => {
  const r = await load([
    ...HEAD,
    'sites:',
    '  - url: /sites/a',
    '    type: communication',
    '    title: A',
    '    lists:',
    '      - url: L',
    '        template: documentLibrary',
    '        columns: [{ name: Phase, type: choice, choices: [Start, Done], default: Started }]',
    '        views:',
    '          - { name: V, columns: [LinkFilename, Phase], groupBy: [Phase] }',
  ]);
  expect(r.diagnostics.map((d) => d.code)).toEqual(['BP311']);
});

test('BP561 two default views (error); BP562 collapsed without groupBy (warning); a comparison has one operator (BP204)', async () => {
  const list = (views: string[]) => [...HEAD, 'sites:', '  - url: /sites/a', '    type: communication', '    title: A', '    lists:', '      - url: L', '        template: genericList', '        views:', ...views];
  const r = await load(list(['          - { name: V1, default: true }', '          - { name: V2, default: true, collapsed: true }']));
  expect(r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}:${d.col}`)).toEqual(['BP561 error 12:34', 'BP562 warning 12:40']);
  const two = await load(list(['          - { name: V3, filter: { column: Title, eq: a, neq: b } }']));
  expect(where(two)).toEqual(['BP204 11:33']);
});

test('BP563 hub navigation and topNavigation together; BP564 hubSite not a hub; BP565 a hub joining a hub; BP566 sensitivity label', async () => {
  const r = await load([
    ...HEAD,
    'sites:',
    '  - url: /sites/hub',
    '    type: team',
    '    title: Hub',
    '    hub: { navigation: [{ title: A, url: /a }] }',
    '    hubSite: /sites/other',
    '    navigation: { topNavigation: [{ title: B, url: /b }] }',
    '    settings: { sensitivityLabel: "6f4fb2db-ecf4-4279-94ba-23d059bf157e" }',
    '  - url: /sites/plain',
    '    type: communication',
    '    title: Plain',
    '  - url: /sites/joiner',
    '    type: communication',
    '    title: Joiner',
    '    hubSite: /sites/plain',
    '  - url: /sites/joiner2',
    '    type: communication',
    '    title: Joiner 2',
    '    hubSite: /sites/elsewhere',
  ]);
  expect(r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}:${d.col}`)).toEqual([
    'BP563 error 7:12',
    'BP565 error 8:14',
    'BP566 warning 10:17',
    'BP564 error 17:14',
    'BP564 warning 21:14',
  ]);
  expect(r.diagnostics.find((d) => d.code === 'BP566')!.message).toContain('delegated permissions');
});

test('CAML: the emitted ViewQuery parses back to the same parts; and/or nest and flatten', () => {
  const parts = {
    filter: { and: [{ column: 'A', op: 'eq' as const, value: 'x' }, { or: [{ column: 'B', op: 'gt' as const, value: 3 }, { column: 'C', op: 'isNull' as const }] }, { column: 'D', op: 'eq' as const, value: true }] },
    orderBy: [{ column: 'Modified', ascending: false }],
    groupBy: ['Officer'],
    groupCollapsed: true,
  };
  const xml = viewQueryXml(parts);
  expect(xml).toContain('<And><Eq><FieldRef Name="A" /><Value Type="Text">x</Value></Eq><And>');
  const back = parseViewQuery(xml);
  expect(back.orderBy).toEqual(parts.orderBy);
  expect(back.groupBy).toEqual(['Officer']);
  expect(back.groupCollapsed).toBe(true);
  expect(normalizeFilter(back.filter)).toEqual(normalizeFilter(parts.filter));
  // a ViewQuery written by someone else, in another element order, wrapped in <Query>
  const other = parseViewQuery('<Query><Where><Eq><FieldRef Name="ProcessStep"/><Value Type="Choice">Beslut</Value></Eq></Where><OrderBy><FieldRef Name="ID"/></OrderBy></Query>');
  expect(viewProvider.same!('filter', { column: 'ProcessStep', op: 'eq', value: 'Beslut' }, other.filter)).toBe(true);
  expect(viewProvider.same!('filter', { column: 'ProcessStep', op: 'eq', value: 'Inkommen' }, other.filter)).toBe(false);
  expect(viewProvider.same!('filter', null, parseViewQuery('').filter)).toBe(true);
  expect(viewProvider.same!('orderBy', [{ column: 'id', ascending: true }], other.orderBy)).toBe(true);
});

test('CAML: a filter the blueprint does not state is kept as written when the sort changes', () => {
  const current = '<Where><Membership Type="CurrentUserGroups"><FieldRef Name="AssignedTo" /></Membership></Where><OrderBy><FieldRef Name="ID" /></OrderBy>';
  const xml = viewQueryXml({ ...parseViewQuery(current), orderBy: [{ column: 'Modified', ascending: false }] }, rawWhere(current));
  expect(xml).toBe('<OrderBy><FieldRef Name="Modified" Ascending="FALSE" /></OrderBy><Where><Membership Type="CurrentUserGroups"><FieldRef Name="AssignedTo" /></Membership></Where>');
});

test('navigation URLs compare server-relative, case- and trailing-slash-insensitively', () => {
  expect(normalizeNavUrl('https://contoso.sharepoint.com/sites/A/')).toBe('/sites/a');
  expect(navigationNodeProvider.same!('url', '/sites/a', 'https://contoso.sharepoint.com/sites/A')).toBe(true);
  expect(navigationNodeProvider.same!('url', 'https://www.botkyrka.se', 'https://www.botkyrka.se/')).toBe(true);
  expect(navigationNodeProvider.same!('url', '/sites/a', '/sites/b')).toBe(false);
});

test('settings: theme and sensitivityLabel expand onto the site settings; a team site is marked group-connected and warned (BP566)', async () => {
  const r = await load([
    ...HEAD,
    'sites:',
    '  - url: /sites/entre',
    '    type: communication',
    '    title: Entré',
    '    settings: { theme: Botkyrka, sensitivityLabel: Intern }',
    '  - url: /sites/team',
    '    type: team',
    '    title: Team',
    '    settings: { theme: Kontrast, sensitivityLabel: Intern }',
  ]);
  expect(r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}:${d.col}`)).toEqual(['BP566 warning 11:34']);
  expect(r.diagnostics[0]!.message).toContain('planned but not applied');
  const settings = r.desired!.resources.filter((x) => x.kind === 'siteSettings').map((x) => x.props);
  expect(settings).toEqual([
    { siteUrl: '/sites/entre', theme: 'Botkyrka', sensitivityLabel: 'Intern' },
    { siteUrl: '/sites/team', theme: 'Kontrast', sensitivityLabel: 'Intern', groupConnected: true },
  ]);
  const empty = await load([...HEAD, 'sites:', '  - url: /sites/x', '    type: communication', '    title: X', '    settings: { theme: "" }']);
  expect(empty.diagnostics.map((d) => d.severity)).toContain('error');
});

test('BP567 a navigation link neither server-relative nor absolute http(s), at its url', async () => {
  const r = await load([
    ...HEAD,
    'sites:',
    '  - url: /sites/a',
    '    type: communication',
    '    title: A',
    '    navigation:',
    '      quickLaunch:',
    '        - { title: Ok, url: /sites/a/Delade dokument }',
    '        - { title: Web, url: "https://www.botkyrka.se/kontakt" }',
    '        - { title: Script, url: "javascript:alert(1)" }',
    '        - { title: Relative, url: Shared Documents, children: [{ title: Proto, url: "//evil.example/x" }] }',
    '      topNavigation:',
    '        - { title: File, url: "file:///c:/x" }',
  ]);
  expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.col} ${d.address}`)).toEqual([
    'BP567 11:33 site[/sites/a]/navigation[quickLaunch]/node[Script]',
    'BP567 12:35 site[/sites/a]/navigation[quickLaunch]/node[Relative]',
    'BP567 12:85 site[/sites/a]/navigation[quickLaunch]/node[Relative]/node[Proto]',
    'BP567 14:31 site[/sites/a]/navigation[topNavigation]/node[File]',
  ]);
});

test("a view column the blueprint defines at the top but the list does not use names the key to use", async () => {
  const r = await load([
    ...HEAD,
    'columns:',
    '  status: { name: ProjStatus, type: text }',
    'sites:',
    '  - url: /sites/a',
    '    type: communication',
    '    title: A',
    '    lists:',
    '      - url: L',
    '        template: genericList',
    '        views:',
    '          - { name: V, columns: [LinkTitle, ProjStatus] }',
  ]);
  expect(where(r)).toEqual(['BP560 13:45']);
  expect(r.diagnostics[0]!.message).toBe("view column 'ProjStatus' is not a column of the list: it is the blueprint's column 'status': add '- use: status' to the list's columns");
});
