/**
 * What a blueprint needs from the app (pure): the permissions follow the kinds it declares, and
 * the token readers tell app-only from delegated and a client secret from a certificate.
 */
import { expect, test } from 'vitest';
import { loadBlueprint } from '../../src/blueprint/index.ts';
import { needsOf } from '../../src/engine/doctor/needs.ts';
import { grantedPermissions, isClientSecretAppToken, isDelegated, readTokenClaims } from '../../src/tenant/token-claims.ts';
import { repoRoot } from '../support/cli.ts';
import { desiredOf } from '../support/engine-steps.ts';

test('botkyrka needs sites, groups, users, teams, channels and their members, tabs, the admin host and the term store', async () => {
  const { desired } = await loadBlueprint(`${repoRoot}/blueprints/botkyrka/blueprint.yaml`);
  const needs = needsOf(desired!);
  expect(needs.permissions.map((p) => `${p.api}: ${p.grant}`).sort()).toEqual(
    [
      'Microsoft Graph: Channel.Create',
      'Microsoft Graph: ChannelMember.ReadWrite.All',
      'Microsoft Graph: ChannelSettings.ReadWrite.All',
      'Microsoft Graph: Group.ReadWrite.All',
      'Microsoft Graph: Sites.Manage.All',
      'Microsoft Graph: Team.Create',
      'Microsoft Graph: TeamSettings.ReadWrite.All',
      'Microsoft Graph: TeamsTab.ReadWriteForTeam.All',
      'Microsoft Graph: Channel.Delete.All',
      'Microsoft Graph: User.Read.All',
      'SharePoint: Sites.FullControl.All',
    ].sort(),
  );
  expect(needs).toMatchObject({ sharePoint: true, adminHost: true, termStore: true });
});

test('a communication site alone needs no group or team permission; the admin host, whose recycle bin the plan reads for a site it does not find', async () => {
  const desired = await desiredOf(`version: 1
name: small
sites:
  - url: /sites/x
    type: communication
    title: X
    owner: anna.andersson@contoso.onmicrosoft.com
`);
  const needs = needsOf(desired);
  expect(needs.permissions.map((p) => p.grant).sort()).toEqual(['Sites.FullControl.All', 'Sites.Manage.All', 'User.Read.All']);
  expect(needs).toMatchObject({ adminHost: true, termStore: false });
});

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

test('token claims: app-only roles, delegated scopes, and how the app authenticated', () => {
  const app = readTokenClaims(jwt({ tid: 't', roles: ['Group.ReadWrite.All'], appidacr: '1' }));
  expect([isDelegated(app), grantedPermissions(app), isClientSecretAppToken(app)]).toEqual([false, ['Group.ReadWrite.All'], true]);
  const cert = readTokenClaims(jwt({ tid: 't', roles: [], azpacr: '2', idtyp: 'app' }));
  expect(isClientSecretAppToken(cert)).toBe(false);
  const user = readTokenClaims(jwt({ tid: 't', scp: 'AllSites.FullControl User.Read', idtyp: 'user', appidacr: '1' }));
  expect([isDelegated(user), grantedPermissions(user), isClientSecretAppToken(user)]).toEqual([true, ['AllSites.FullControl', 'User.Read'], false]);
  expect(() => readTokenClaims('not-a-token')).toThrow(/not a JWT/);
});

test("a team site without sharing or labels: the admin host is advised, not needed (its plan reads the recycle bin and lists the tenant's sites there, and goes on without)", async () => {
  const desired = await desiredOf(`version: 1
name: small
sites:
  - url: /sites/t
    type: team
    title: T
    owners: [anna.andersson@contoso.onmicrosoft.com]
`);
  expect(needsOf(desired)).toMatchObject({ adminHost: false, adminHostAdvised: true });
});

test('Entra groups named as a role assignment principal or a SharePoint group member need Group.Read.All; site groups of users alone do not', async () => {
  const blueprint = (member: string, principal: string) => `version: 1
name: small
sites:
  - url: /sites/x
    type: communication
    title: X
    owner: anna.andersson@contoso.onmicrosoft.com
    permissions:
      groups:
        - { name: Granskare, members: ["${member}"] }
      assignments:
        - { principal: "${principal}", roles: [Read] }
`;
  const grants = async (member: string, principal: string) => needsOf(await desiredOf(blueprint(member, principal))).permissions.map((p) => p.grant);
  expect(await grants('erik.johansson@contoso.onmicrosoft.com', 'Granskare')).not.toContain('Group.Read.All');
  expect(await grants('entra:Bygglov handläggare', 'Granskare')).toContain('Group.Read.All');
  expect(await grants('erik.johansson@contoso.onmicrosoft.com', 'entra:Bygglov handläggare')).toContain('Group.Read.All');
});
