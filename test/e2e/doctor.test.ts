/**
 * `provision doctor` against the local tenant: with the app's default grant every permission the
 * blueprint needs is there; with a role taken away (`--local-app-roles`) the doctor names that
 * role, where to grant it and the admin-consent URL, and exits 1.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { GRAPH_RESOURCE } from '../../src/tenant/graph-client.ts';
import { isClientSecretAppToken, readTokenClaims } from '../../src/tenant/token-claims.ts';
import { provision, repoRoot } from '../support/cli.ts';
import { withTenant } from '../support/tenant-state.ts';

const blueprint = `version: 1
name: doctor
sites:
  - url: /sites/doctor-team
    type: team
    title: Doctor team
    owners: [anna.andersson@contoso.onmicrosoft.com]
    sharing: { capability: Disabled }
    team:
      channels:
        - name: Ledning
          membershipType: private
          owners: [anna.andersson@contoso.onmicrosoft.com]
          members: [sara.svensson@contoso.onmicrosoft.com]
`;

/** The local tenant's default Graph grant, less ChannelMember.ReadWrite.All. */
const graphWithoutChannelMember = ['Group.ReadWrite.All', 'Directory.Read.All', 'User.Read.All', 'Sites.FullControl.All', 'Sites.ReadWrite.All', 'TeamSettings.ReadWrite.All', 'Team.Create', 'Channel.Create', 'TeamMember.ReadWrite.All'];

async function workspace(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-doctor-'));
  await writeFile(join(cwd, 'bp.yaml'), blueprint);
  return cwd;
}

test('with the default grant, every permission the blueprint needs is ok', { timeout: 180_000 }, async () => {
  const cwd = await workspace();
  const result = await provision(cwd, 'doctor', 'bp.yaml');
  for (const line of [
    /^ok +Microsoft Graph Group\.ReadWrite\.All \(application\)/m,
    /^ok +Microsoft Graph User\.Read\.All \(application\)/m,
    /^ok +Microsoft Graph Team\.Create \(application\)/m,
    /^ok +Microsoft Graph ChannelMember\.ReadWrite\.All \(application\)/m,
    /^ok +SharePoint Sites\.FullControl\.All \(application\)/m,
    /^ok +tenant admin host \(https:\/\/contoso-admin\.sharepoint\.com\)/m,
  ]) {
    expect(result.stdout).toMatch(line);
  }
  expect(result.stdout).not.toMatch(/^MISSING +Microsoft Graph/m);
  // SharePoint refuses client-secret app-only tokens: the doctor says so whenever the
  // credential is one, and passes otherwise.
  const secret = await withTenant(cwd, async (t) => isClientSecretAppToken(readTokenClaims(await t.client.tokens.token(GRAPH_RESOURCE))));
  if (secret) {
    expect(result.stdout).toMatch(/^MISSING +SharePoint REST with this credential/m);
    expect(result.stdout).toContain('SharePoint refuses app-only tokens obtained with a client secret');
    expect(result.code).toBe(1);
  } else {
    expect(result.stdout).toContain('All ');
    expect(result.code, result.stdout).toBe(0);
  }
  expect(result.stdout + result.stderr).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // never a token
});

test('with a role removed, the doctor names it and the fix, and exits 1', { timeout: 180_000 }, async () => {
  const cwd = await workspace();
  const roles = `graph=${graphWithoutChannelMember.join(',')};sharepoint=User.Read.All`;
  const result = await provision(cwd, 'doctor', 'bp.yaml', '--local-app-roles', roles);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^MISSING +Microsoft Graph ChannelMember\.ReadWrite\.All \(application\) +needed for private and shared channel owners and members/m);
  expect(result.stdout).toMatch(/^MISSING +SharePoint Sites\.FullControl\.All \(application\)/m);
  expect(result.stdout).toMatch(/^MISSING +SharePoint REST with this credential .*refused: 403/m);
  expect(result.stdout).toContain('Add the Microsoft Graph application permission ChannelMember.ReadWrite.All: Entra admin center');
  expect(result.stdout).toContain('Application permissions > ChannelMember.ReadWrite.All');
  const { tenantId, clientId } = await withTenant(cwd, async (t) => {
    const c = readTokenClaims(await t.client.tokens.token(GRAPH_RESOURCE));
    return { tenantId: c.tid!, clientId: c.appid! };
  });
  expect(result.stdout).toContain(`https://login.microsoftonline.com/${tenantId}/adminconsent?client_id=${clientId}`);
  // What is granted stays ok.
  expect(result.stdout).toMatch(/^ok +Microsoft Graph Team\.Create \(application\)/m);
  // The same checks as JSON, for a pipeline.
  const json = await provision(cwd, 'doctor', 'bp.yaml', '--json', '--local-app-roles', roles);
  expect(json.code).toBe(1);
  const report = JSON.parse(json.stdout) as { ok: boolean; checks: { check: string; status: string; fix?: string[] }[] };
  expect(report.ok).toBe(false);
  expect(report.checks.find((c) => c.check === 'Microsoft Graph ChannelMember.ReadWrite.All (application)')).toMatchObject({ status: 'missing', fix: expect.arrayContaining([expect.stringContaining('adminconsent')]) });
});

test('emulator start --app-roles serves a tenant whose app lacks roles; doctor in that folder names them', { timeout: 180_000 }, async () => {
  const cwd = await workspace();
  const server = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'emulator', 'start', '--app-roles', 'graph=Group.ReadWrite.All,Sites.FullControl.All'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (d) => String(d).includes('listening on') && resolve());
      server.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const result = await provision(cwd, 'doctor', 'bp.yaml');
    expect(result.stderr).toContain(`served by process ${server.pid}`);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^MISSING +Microsoft Graph User\.Read\.All \(application\) +needed for looking up the users the blueprint names; the token grants Group\.ReadWrite\.All, Sites\.FullControl\.All/m);
    expect(result.stdout).toMatch(/^ok +Microsoft Graph Team\.Create \(application\) +teams .*granted through Group\.ReadWrite\.All/m);
    expect(result.stdout).toMatch(/^MISSING +Microsoft Graph ChannelMember\.ReadWrite\.All/m);
  } finally {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
});

test('apply with an app that may not write the root site\'s lists is refused before any change, saying where and what names the fix', { timeout: 180_000 }, async () => {
  const cwd = await workspace();
  const roles = 'graph=Group.ReadWrite.All,Sites.Read.All,User.Read.All;sharepoint=Sites.FullControl.All';
  const result = await provision(cwd, 'apply', 'bp.yaml', '--yes', '--local-app-roles', roles);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/could not take the apply lease 'doctor lease' in the tenant's root site: .*Access denied.*hidden list of the root site, 'm365provision'.*'provision doctor <blueprint>' names the permissions it lacks/);
  // nothing was made: the group the blueprint declares does not exist
  const groups = await withTenant(cwd, (t) => t.client.graph.list<{ id: string }>(`/groups?$filter=mailNickname eq 'doctor-team'`));
  expect(groups).toEqual([]);
});

test("a team site alone: an app the tenant admin host refuses is advised to get it, with what the plan does without", { timeout: 180_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-doctor-'));
  await writeFile(join(cwd, 'team.yaml'), `version: 1
name: doctor-team-only
sites:
  - url: /sites/doctor-only
    type: team
    title: Doctor only
    owners: [anna.andersson@contoso.onmicrosoft.com]
`);
  const granted = await provision(cwd, 'doctor', 'team.yaml');
  expect(granted.stdout).toMatch(/^ok +tenant admin host \(https:\/\/contoso-admin\.sharepoint\.com\) +SPO\.Tenant\/sites answered \(the team sites' plan reads the tenant's recycle bin and lists its sites there\)/m);
  const result = await provision(cwd, 'doctor', 'team.yaml', '--local-app-roles', 'sharepoint=Sites.ReadWrite.All');
  expect(result.stdout).toMatch(/^advised +tenant admin host \(https:\/\/contoso-admin\.sharepoint\.com\) +refused: 403 .*goes on without it/m);
  expect(result.stdout).toContain('Not required: without it a URL a deleted site holds in the recycle bin is planned as a create');
  expect(result.stdout).toMatch(/checks did not pass \(1 advised\)\.$/m);
  // what fails the report is the SharePoint permission, not the advised admin host
  expect(result.stdout).toMatch(/^MISSING +SharePoint Sites\.FullControl\.All \(application\)/m);
});
