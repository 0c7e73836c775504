/** The blueprint's `team:` key: expansion into team, teamMember, channel and tab, templates, and the BP50x checks. */
import { expect, test } from 'vitest';
import { loadBlueprintText } from '../../src/blueprint/index.ts';
import { lastOwnerRisk } from '../../src/kinds/team-member/rules.ts';
import { channelRules as channelProvider } from '../../src/kinds/channel/rules.ts';
import type { Change } from '../../src/model/change.ts';
import { PURE_KIND_RULES } from '../../src/kinds/pure.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';

const D = '@contoso.onmicrosoft.com';
const head = `version: 1\nname: t\n`;

async function load(body: string) {
  return loadBlueprintText(head + body, 't.yaml');
}
function codes(r: { diagnostics: { code: string }[] }): string[] {
  return r.diagnostics.map((d) => d.code);
}

test('a team expands into team, one teamMember per owner and member, channels and tabs', async () => {
  const r = await load(`sites:
  - url: /sites/net
    type: team
    title: Net
    owners: [anna.andersson${D}]
    team:
      funSettings: { allowGiphy: false }
      owners: [sara.svensson${D}]
      members: [erik.johansson${D}, anna.andersson${D}]
      channels:
        - name: Frågor
          membershipType: shared
          owners: [sara.svensson${D}]
          tabs:
            - name: Webb
              website: https://example.org
            - name: Filer
              library: Shared Documents
`);
  expect(codes(r)).toEqual([]);
  const rs = r.desired!.resources;
  expect(rs.map((x) => `${x.kind} ${x.address}`)).toEqual([
    'teamSite site[/sites/net]',
    'team site[/sites/net]/team',
    `teamMember site[/sites/net]/team/member[anna.andersson${D}]`,
    `teamMember site[/sites/net]/team/member[sara.svensson${D}]`,
    `teamMember site[/sites/net]/team/member[erik.johansson${D}]`,
    'channel site[/sites/net]/team/channel[Frågor]',
    'tab site[/sites/net]/team/channel[Frågor]/tab[Webb]',
    'tab site[/sites/net]/team/channel[Frågor]/tab[Filer]',
  ]);
  expect(rs[1]!.props).toEqual({ siteUrl: '/sites/net', owners: [`anna.andersson${D}`, `sara.svensson${D}`], funSettings: { allowGiphy: false } });
  expect(rs[2]!.props).toEqual({ upn: `anna.andersson${D}`, role: 'owner' });
  expect(rs[4]!.props).toEqual({ upn: `erik.johansson${D}`, role: 'member' });
  expect(rs[6]!.props).toEqual({ displayName: 'Webb', app: 'website', contentUrl: 'https://example.org' });
  expect(rs[7]!.props).toEqual({ displayName: 'Filer', app: 'library', contentUrl: 'Shared Documents' });
});

test("a private channel waits for its people's team memberships (Graph refuses others); a shared channel does not", async () => {
  const r = await load(`sites:
  - url: /sites/net
    type: team
    title: Net
    owners: [anna.andersson${D}]
    team:
      members: [erik.johansson${D}, lena.pettersson${D}]
      channels:
        - name: Ledning
          membershipType: private
          owners: [anna.andersson${D}]
          members: [Erik.Johansson${D}, outside.person${D}]
        - name: Frågor
          membershipType: shared
          owners: [anna.andersson${D}]
          members: [erik.johansson${D}, outside.person${D}]
`);
  // outside.person may be in the group already: a warning at its place, for the private channel only
  expect(r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}:${d.col} ${d.message.split(':')[0]}`)).toEqual([`warning BP510 14:61 outside.person${D} is not declared in the team`]);
  const desired = r.desired!;
  const plan = buildPlan(desired, new Map(desired.resources.map((x) => [x.address, { status: 'absent' as const }])), PURE_KIND_RULES, { tenant: 'local', now: '2026-12-06T00:00:00Z' });
  const dependsOn = (address: string) => plan.changes.find((c) => c.address === address)!.dependsOn;
  // the declared memberships only (a person the blueprint does not put in the team may be in it already), the team last
  expect(dependsOn('site[/sites/net]/team/channel[Ledning]')).toEqual([`site[/sites/net]/team/member[anna.andersson${D}]`, `site[/sites/net]/team/member[erik.johansson${D}]`, 'site[/sites/net]/team']);
  expect(dependsOn('site[/sites/net]/team/channel[Frågor]')).toEqual(['site[/sites/net]/team']);
  const place = (address: string) => plan.changes.findIndex((c) => c.address.toLowerCase() === address.toLowerCase());
  expect(place(`site[/sites/net]/team/member[erik.johansson${D}]`)).toBeLessThan(place('site[/sites/net]/team/channel[Ledning]'));
});

test('templates stamp teams per row; an empty cell leaves a user out', async () => {
  const r = await load(`templates:
  stage:
    type: team
    url: /sites/{{ row.alias }}
    title: "{{ row.alias }}"
    owners: ["{{ row.owner }}"]
    team:
      channels:
        - name: Ledning
          membershipType: private
          owners: ["{{ row.owner }}"]
          members: ["{{ row.deputy }}"]
workspaces:
  - template: stage
    rows:
      - { alias: a, owner: anna.andersson${D}, deputy: "" }
      - { alias: b, owner: erik.johansson${D}, deputy: maria.karlsson${D} }
`);
  // the deputy is not put in the team: a warning for row b only (row a's empty cell is no one)
  expect(r.diagnostics.map((d) => [d.severity, d.code, d.address])).toEqual([['warning', 'BP510', 'site[/sites/b]/team/channel[Ledning]']]);
  expect(r.diagnostics[0]!.message).toMatch(new RegExp(`^maria\\.karlsson${D.replaceAll('.', '\\.')} is not declared in the team: .* \\(in .*\\)$`));
  const chans = r.desired!.resources.filter((x) => x.kind === 'channel');
  expect(chans.map((c) => [c.address, c.props])).toEqual([
    ['site[/sites/a]/team/channel[Ledning]', { displayName: 'Ledning', membershipType: 'private', owners: [`anna.andersson${D}`] }],
    ['site[/sites/b]/team/channel[Ledning]', { displayName: 'Ledning', membershipType: 'private', owners: [`erik.johansson${D}`], members: [`maria.karlsson${D}`] }],
  ]);
});

test('BP501-BP507: team on a communication site, bad names, ownerless private channel, members on standard, private General, bad tabs', async () => {
  const r = await load(`sites:
  - url: /sites/comm
    type: communication
    title: Comm
    team: {}
  - url: /sites/t
    type: team
    title: T
    team:
      channels:
        - name: "a/b"
        - name: Privat
          membershipType: private
        - name: Standard
          members: [erik.johansson${D}]
        - name: General
          membershipType: private
          owners: [anna.andersson${D}]
        - name: Flikar
          tabs:
            - name: Båda
              website: https://example.org
              library: Shared Documents
            - name: Http
              website: http://example.org
            - name: Okänd
              library: Finns inte
        - name: Flikar
`);
  // BP510: General's owner is not in the team (the site declares no owners)
  expect(codes(r).sort()).toEqual(['BP301', 'BP501', 'BP502', 'BP503', 'BP504', 'BP505', 'BP506', 'BP506', 'BP507', 'BP510'].sort());
});

test('the last owner: removing or demoting the only owner, or every owner, needs allow-remove-last-owner', () => {
  const base = { address: `site[/sites/x]/team/member[anna${D}]`, kind: 'teamMember' as const, dependsOn: [], api: '', observedDigest: '' };
  const del = (ownersCount?: number, declaredOwners?: number, role = 'owner'): Change => ({
    ...base,
    action: 'delete',
    id: 'm',
    ids: {},
    facts: { ...(ownersCount !== undefined ? { ownersCount } : {}), ...(declaredOwners !== undefined ? { declaredOwners } : {}) },
    before: { upn: `anna${D}`, role },
  });
  expect(lastOwnerRisk(del(1, 1))).toEqual({ flag: 'allow-remove-last-owner', reason: expect.stringMatching(/last owner, and a Microsoft 365 group keeps its last owner: declare another owner/) });
  expect(lastOwnerRisk(del(2, 0))?.flag).toBe('allow-remove-last-owner');
  expect(lastOwnerRisk(del(2, 1))).toBeUndefined();
  expect(lastOwnerRisk(del(1, 1, 'member'))).toBeUndefined();
  // An owner count that was not read is taken for the last owner (the stricter reading).
  expect(lastOwnerRisk(del(undefined, 1))).toEqual({ flag: 'allow-remove-last-owner', reason: expect.stringMatching(/may be the team's last owner/) });
  const demote: Change = { ...base, action: 'update', id: 'm', ids: {}, facts: { ownersCount: 1, declaredOwners: 1 }, before: { role: 'owner' }, after: { role: 'member' }, changes: [{ name: 'role', before: 'owner', after: 'member' }] };
  expect(lastOwnerRisk(demote)?.flag).toBe('allow-remove-last-owner');
});

test("a channel's membershipType change is planned and not applied; deleting a private channel needs allow-delete-sites, a standard one allow-delete-content", () => {
  expect(channelProvider.replaceReason).toBeUndefined();
  const update = (before: Record<string, unknown>, after: Record<string, unknown>): Change => ({
    address: 'a', kind: 'channel', dependsOn: [], api: '', action: 'update', id: 'c', ids: {}, before, after,
    changes: Object.keys(after).map((name) => ({ name, before: before[name], after: after[name] })),
  });
  expect(channelProvider.notApplied!(update({ membershipType: 'private' }, { membershipType: 'shared' }))).toMatchObject({ props: ['membershipType'], reason: expect.stringMatching(/30 days/) });
  // a standard channel has no members of its own: the stated ones are not added either
  expect(channelProvider.notApplied!(update({ membershipType: 'standard', owners: [] }, { membershipType: 'private', owners: ['a@x'] }))?.props).toEqual(['membershipType', 'owners']);
  expect(channelProvider.notApplied!(update({ description: 'a' }, { description: 'b' }))).toBeUndefined();
  const change: Change = { address: 'a', kind: 'channel', dependsOn: [], api: '', observedDigest: '', action: 'delete', id: 'c', ids: {}, before: { membershipType: 'private' } };
  expect(channelProvider.destructive!(change)?.flag).toBe('allow-delete-sites');
  // a standard channel's conversations go with it (its files stay in the team's library)
  expect(channelProvider.destructive!({ ...change, before: { membershipType: 'standard' } })).toMatchObject({ flag: 'allow-delete-content', reason: expect.stringMatching(/conversations/) });
  expect(channelProvider.destructive!({ ...change, before: {} })?.flag).toBe('allow-delete-content');
});

test('a team of more than 100 owners is BP508 at its owners: a group has at most 100', async () => {
  const upns = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `owner${from + i}${D}`);
  const body = (site: string[], team: string[]) => `sites:
  - url: /sites/many
    type: team
    title: Many
    owners: [${site.join(', ')}]
    team:
      owners: [${team.join(', ')}]
`;
  const over = await load(body(upns(60), upns(41, 60)));
  expect(codes(over)).toEqual(['BP508']);
  expect(over.diagnostics[0]!.message).toContain('101 owners');
  // An owner listed in both places is one owner.
  expect(codes(await load(body(upns(60), upns(40, 60).concat(upns(1)))))).toEqual([]);
  // One list alone is bounded by the schema: 101 site owners.
  const schema = await load(body(upns(101), []));
  expect(codes(schema)).toContain('BP205');
  expect(schema.diagnostics.find((d) => d.code === 'BP205')!.message).toBe("'owners' has 101 items (at most 100)");
});

test('a user in more than 1,000 teams of the blueprint is BP509 at the row that makes the 1,001st', async () => {
  const rows = Array.from({ length: 1002 }, (_, i) => `      - { n: "${String(i + 1).padStart(4, '0')}" }`).join('\n');
  const r = await load(`templates:
  ws:
    type: team
    url: /sites/ws-{{ row.n }}
    title: WS {{ row.n }}
    owners: [anna.andersson${D}]
    team:
      members: [erik.johansson${D}]
workspaces:
  - template: ws
    rows:
${rows}
`);
  // One diagnostic per user, at the row of the 1,001st team (the owner's, then the member's).
  expect(codes(r)).toEqual(['BP509', 'BP509']);
  expect(r.diagnostics[0]!.message).toMatch(/^'anna\.andersson@contoso\.onmicrosoft\.com' is in 1001 teams of this blueprint by here; .* at most 1000 teams.*\(in row 1001 of workspaces\[0\]\.rows\)$/);
  expect(r.diagnostics[1]!.message).toContain("'erik.johansson@contoso.onmicrosoft.com' is in 1001 teams");
  expect(r.diagnostics[0]!.address).toBe('site[/sites/ws-1001]/team');
});
