/**
 * Which users a blueprint names (pure): owners, members, site group members and owners, role
 * assignment principals that are users, team and channel members; and how missing ones become
 * diagnostics: one per user and site, at the first place in that site, in blueprint order.
 */
import { expect, test } from 'vitest';
import { distinctUpns, principalRefs } from '../../src/engine/principals/collect.ts';
import { principalDiagnostics, type Lookup } from '../../src/engine/principals/resolve.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: refs
sites:
  - url: /sites/a
    type: team
    title: A
    owners: [Owner@contoso.onmicrosoft.com]
    permissions:
      groups:
        - name: Readers
          owner: A Owners
          members: [member@contoso.onmicrosoft.com]
      assignments:
        - principal: direct@contoso.onmicrosoft.com
          roles: [Read]
        - principal: Readers
          roles: [Read]
    team:
      members: [teammate@contoso.onmicrosoft.com]
      channels:
        - name: Inner
          membershipType: private
          owners: [owner@contoso.onmicrosoft.com]
          members: [inner@contoso.onmicrosoft.com]
  - url: /sites/b
    type: communication
    title: B
    owner: owner@contoso.onmicrosoft.com
`;

test('every user reference is found, groups are not users, and distinct UPNs ignore case', async () => {
  const desired = await desiredOf(text);
  const refs = principalRefs(desired.resources);
  const upns = new Set(refs.map((r) => r.upn.toLowerCase()));
  expect([...upns].sort()).toEqual(
    ['direct', 'inner', 'member', 'owner', 'teammate'].map((u) => `${u}@contoso.onmicrosoft.com`),
  );
  expect(refs.some((r) => r.upn === 'Readers' || r.upn === 'A Owners')).toBe(false);
  expect(refs.every((r) => r.source && r.source.line > 1)).toBe(true);
  expect(distinctUpns(refs)).toHaveLength(5);
});

test('a missing user is reported once per site that names it, with its place and address', async () => {
  const desired = await desiredOf(text);
  const refs = principalRefs(desired.resources);
  const lookups = new Map<string, Lookup>(distinctUpns(refs).map((u) => [u.toLowerCase(), { status: 'found', id: u.toLowerCase() }]));
  lookups.set('owner@contoso.onmicrosoft.com', { status: 'missing' });
  lookups.set('inner@contoso.onmicrosoft.com', { status: 'unknown', reason: '403 Authorization_RequestDenied: Insufficient privileges' });
  const diags = principalDiagnostics(refs, lookups, 'blueprint.yaml');
  expect(diags.map((d) => `${d.code} ${d.address}`)).toEqual([
    'PR101 site[/sites/a]',
    'PR102 site[/sites/a]/team/channel[Inner]',
    'PR101 site[/sites/b]',
  ]);
  expect(diags[0]!.message).toMatch(/^owner 'Owner@contoso\.onmicrosoft\.com' does not exist in the tenant's directory \(named \d+ more times? in site\[\/sites\/a\]\)$/);
  expect(diags[1]!.message).toContain('User.Read.All');
  expect(diags.every((d) => d.severity === 'error' && d.file === 'blueprint.yaml' && d.line > 1)).toBe(true);
});

test('a lookup that failed is reported once per user, not once per site', async () => {
  const desired = await desiredOf(text);
  const refs = principalRefs(desired.resources);
  const lookups = new Map<string, Lookup>(distinctUpns(refs).map((u) => [u.toLowerCase(), { status: 'found', id: u.toLowerCase() }]));
  lookups.set('owner@contoso.onmicrosoft.com', { status: 'unknown', reason: '503 serviceNotAvailable: try later' });
  const diags = principalDiagnostics(refs, lookups, 'blueprint.yaml');
  expect(diags.map((d) => `${d.code} ${d.address}`)).toEqual(['PR102 site[/sites/a]']);
  expect(diags[0]!.message).toMatch(/could not be looked up \(503 serviceNotAvailable: try later\) \(named \d+ more times\)$/);
});

test("a template's missing user is one diagnostic at its place with the other rows counted; a row's own missing user is its row's", async () => {
  const desired = await desiredOf(`version: 1
name: rows
templates:
  unit:
    type: team
    url: /sites/unit-{{ row.alias }}
    title: "{{ row.alias }}"
    owners: [gone@contoso.onmicrosoft.com, "{{ row.owner }}"]
workspaces:
  - template: unit
    rows:
      - { alias: a, owner: anna@contoso.onmicrosoft.com }
      - { alias: b, owner: bertil@contoso.onmicrosoft.com }
      - { alias: c, owner: anna@contoso.onmicrosoft.com }
`);
  const refs = principalRefs(desired.resources);
  const lookups = new Map<string, Lookup>(distinctUpns(refs).map((u) => [u.toLowerCase(), { status: 'missing' }]));
  lookups.set('anna@contoso.onmicrosoft.com', { status: 'found', id: 'anna' });
  const diags = principalDiagnostics(refs, lookups, 'blueprint.yaml', desired.rowsOfSites);
  expect(diags.map((d) => `${d.code} ${d.line}:${d.col} [${d.address}] ${d.message}`)).toEqual([
    "PR101 5:5 [site[/sites/unit-a]] owner 'gone@contoso.onmicrosoft.com' does not exist in the tenant's directory (in row 1 of workspaces[0].rows, and 2 more rows)",
    "PR101 5:5 [site[/sites/unit-b]] owner 'bertil@contoso.onmicrosoft.com' does not exist in the tenant's directory (in row 2 of workspaces[0].rows)",
  ]);
});
