/**
 * A mistake in a template is the same mistake in every row of its CSV: it is reported once, at
 * its first row, with the other rows counted, so that a CSV of 2,000 rows gives one line a
 * mistake, not 2,000 (and the 1,000 kept diagnostics are not spent on one mistake). Messages name
 * no row's site (the address does), so that rows compare equal; a site's own groups, named after
 * its title, differ by row but are the same problem. A mistake that depends on the row's values
 * is still reported for each row.
 */
import { expect, test } from 'vitest';
import { HEAD, load } from './helpers.ts';

const TEMPLATE = [
  ...HEAD,
  'columns:',
  '  status: { name: ProjStatus, type: choice, choices: [Planerad, Klar] }',
  'contentTypes:',
  '  doc: { name: Projektdokument, parent: Document, columns: [{ use: status }] }',
  'templates:',
  '  project:',
  '    type: communication',
  '    url: /sites/proj-{{ row.code }}',
  '    title: "Projekt {{ row.name }}"',
  '    owner: anna.andersson@contoso.onmicrosoft.com',
  '    contentTypes: [{ use: doc }]',
  '    permissions:',
  '      assignments:',
  '        - { principal: Projektledare, roles: [Edit] }',
  '        - { principal: "{{ row.group }}", roles: [Read] }',
  '    lists:',
  '      - { url: Dokument, template: documentLibrary }',
  '      - { url: Dokument, template: documentLibrary }',
  'workspaces:',
  '  - { template: project, rows: rows.csv }',
];

test('a template mistake is one diagnostic at its first row with the other rows counted; one that depends on the row is reported per row', async () => {
  const r = await load(TEMPLATE, { 'rows.csv': 'code,name,group\na,Alfa,Lärare\nb,Beta,Lärare\nc,Gamma,Elever\n' });
  expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.col} ${d.message}`)).toEqual([
    "BP521 13:27 content type 'Projektdokument' links column 'ProjStatus', which is not a site column of the site: add '- use: status' to the site's columns (in row 1 of rows.csv, line 2, and 2 more rows)",
    "BP536 16:24 'Projektledare' is neither a group declared in this site's permissions.groups nor one of its own groups (Projekt Alfa Owners, Projekt Alfa Members, Projekt Alfa Visitors); it must already exist in the tenant (a user is named by UPN, with @) (in row 1 of rows.csv, line 2, and 2 more rows)",
    // the row's own value: rows 1 and 2 name the same group, row 3 another
    "BP536 17:24 'Lärare' is neither a group declared in this site's permissions.groups nor one of its own groups (Projekt Alfa Owners, Projekt Alfa Members, Projekt Alfa Visitors); it must already exist in the tenant (a user is named by UPN, with @) (in row 1 of rows.csv, line 2, and 1 more row)",
    "BP536 17:24 'Elever' is neither a group declared in this site's permissions.groups nor one of its own groups (Projekt Gamma Owners, Projekt Gamma Members, Projekt Gamma Visitors); it must already exist in the tenant (a user is named by UPN, with @) (in row 3 of rows.csv, line 4)",
    // the other place is in the same row: named without it
    "BP301 20:9 duplicate list URL 'Dokument' in the site: also declared at bp/blueprint.yaml:19:9 (in row 1 of rows.csv, line 2, and 2 more rows)",
  ]);
});

test("a warning whose message holds the row's values (BP314's URL and mailNickname) is one warning a place, the other rows counted", async () => {
  const r = await load(
    [
      ...HEAD,
      'templates:',
      '  project:',
      '    type: team',
      '    url: /sites/proj-{{ row.code }}',
      '    mailNickname: projekt-{{ row.code }}',
      '    title: P',
      'workspaces:',
      '  - { template: project, rows: rows.csv }',
    ],
    { 'rows.csv': 'code\na\nb\nc\n' },
  );
  expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.col} ${d.message}`)).toEqual([
    "BP314 7:19 the URL ends in 'proj-a' but mailNickname is 'projekt-a': Microsoft 365 names a group's site after its mailNickname (/sites/projekt-a), so a new group's site would not get the URL /sites/proj-a (the plan shows such a site as not readable; an existing group is found by its mailNickname wherever its site is) (in row 1 of rows.csv, line 2, and 2 more rows)",
  ]);
});
