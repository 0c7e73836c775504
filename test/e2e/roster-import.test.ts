/**
 * Rehearsing with a staff roster, as the README says: `provision emulator users import` reads the
 * CSV of Microsoft Entra's bulk create (the file the admin center takes), verifies the
 * organisation's domain and adds each user through Graph's `POST /users`, so the directory's own
 * rules refuse what the service refuses (an unverified domain, a weak password) with the row's
 * line; then `provision apply` in the same folder names an imported user as a site's owner and
 * the next plan is empty. The engine's own app still cannot create users afterwards. With
 * `provision emulator start` serving the folder, the rows go to it: refused up front when its app
 * lacks User.ReadWrite.All or a --domain would need verifying, taken when it was started with both.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startLocalTenant } from '../../src/emulator/index.ts';
import { provision, repoRoot } from '../support/cli.ts';
import { appSecretToken, USER_WRITING_ROLES } from '../support/app-secret-token.ts';

const roster = `version:v1.0
Name [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required,First name [givenName],Last name [surname],Job title [jobTitle]
Anna Andersson,anna.andersson@botkyrka.se,xWwvJ]6NMw+bWH-d,No,Anna,Andersson,Planarkitekt
Bo Ek,bo.ek@example.org,xWwvJ]6NMw+bWH-d,No,Bo,Ek,
Cia Berg,cia.berg@botkyrka.se,short,No,,,
`;

const blueprint = `version: 1
name: staff
sites:
  - url: /sites/stadsbyggnad
    type: communication
    title: Stadsbyggnad
    owner: anna.andersson@botkyrka.se
`;

test('a roster in Entra’s bulk create CSV is added through POST /users; an imported user owns a site the CLI applies', { timeout: 180_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-roster-'));
  writeFileSync(join(cwd, 'staff.csv'), roster);
  writeFileSync(join(cwd, 'bp.yaml'), blueprint);

  // a file whose shape is wrong is refused before anything is sent
  writeFileSync(join(cwd, 'bad.csv'), roster.replace('version:v1.0\n', ''));
  const bad = await provision(cwd, 'emulator', 'users', 'import', 'bad.csv', '--domain', 'botkyrka.se');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('bad.csv:1:1 error');
  expect(bad.stderr).toContain('no user was added');

  const imported = await provision(cwd, 'emulator', 'users', 'import', 'staff.csv', '--domain', 'botkyrka.se');
  expect(imported.code).toBe(1);
  expect(imported.stdout).toContain('Added 1 user to the local tenant contoso.sharepoint.com; 2 refused');
  expect(imported.stderr).toContain('staff.csv:4 refused bo.ek@example.org: 400 The domain portion of the userPrincipalName property is invalid');
  expect(imported.stderr).toContain('staff.csv:5 refused cia.berg@botkyrka.se: 400 The specified password does not comply with password complexity requirements');
  expect(imported.stderr).toContain('Columns not read (the local directory keeps names only): Job title [jobTitle]');
  // the domain stays verified in the state folder; the grant to create users did not stay
  const tenantJson = JSON.parse(readFileSync(join(cwd, '.provision/local-tenant/tenant.json'), 'utf8')) as { verifiedDomains?: string[] };
  expect(tenantJson.verifiedDomains).toEqual(['botkyrka.se']);

  // importing again: the name is taken now, in the directory's words
  const again = await provision(cwd, 'emulator', 'users', 'import', 'staff.csv');
  expect(again.stderr).toContain('staff.csv:3 refused anna.andersson@botkyrka.se: 400 Another object with the same value for property userPrincipalName already exists.');

  const applied = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(applied.stdout + applied.stderr).toContain('1 succeeded, 0 failed');
  expect(applied.code).toBe(0);
  const plan = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(plan.stdout).toContain('No changes.');
  expect(plan.code).toBe(0);

  // the local tenant as plan and apply start it: its app may not create users (the grant was the import's alone)
  const tenant = await startLocalTenant({ stateDir: join(cwd, '.provision/local-tenant') });
  try {
    const accessToken = await appSecretToken(tenant.url, tenant);
    const create = await fetch(`${tenant.url}/v1.0/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'x-forwarded-host': 'graph.microsoft.com', 'content-type': 'application/json' },
      body: JSON.stringify({ accountEnabled: true, displayName: 'Dan', mailNickname: 'dan', userPrincipalName: 'dan@botkyrka.se', passwordProfile: { password: 'xWwvJ]6NMw+bWH-d' } }),
    });
    expect(create.status).toBe(403);
  } finally {
    await tenant.close();
  }
});

/** Runs `provision emulator start <args>` in `cwd` while `use` runs, then stops it. */
async function whileServed(cwd: string, args: string[], use: (pid: number) => Promise<void>): Promise<void> {
  const server = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'emulator', 'start', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let err = '';
    server.stderr.on('data', (d) => (err += String(d)));
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => err.includes('Ctrl-C stops it') && (clearInterval(poll), resolve()), 25);
      server.on('exit', (code) => (clearInterval(poll), reject(new Error(`emulator exited with ${code}: ${err}`))));
    });
    await use(server.pid!);
  } finally {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
}

test('with emulator start serving the folder, the rows go to it once its app may create users', { timeout: 180_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-roster-served-'));
  writeFileSync(join(cwd, 'staff.csv'), roster);
  await whileServed(cwd, ['--domain', 'botkyrka.se'], async (pid) => {
    const refused = await provision(cwd, 'emulator', 'users', 'import', 'staff.csv');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`served by process ${pid}`);
    expect(refused.stderr).toContain(`the local tenant's app may not create users (403`);
    expect(refused.stderr).toContain('start it with --app-roles naming User.ReadWrite.All');
    expect(refused.stderr).toContain('0 users added before');
    const domain = await provision(cwd, 'emulator', 'users', 'import', 'staff.csv', '--domain', 'other.se');
    expect(domain.code).toBe(1);
    expect(domain.stderr).toContain('cannot verify other.se while it runs');
  });
  await whileServed(cwd, ['--app-roles', USER_WRITING_ROLES], async (pid) => {
    const imported = await provision(cwd, 'emulator', 'users', 'import', 'staff.csv', '--domain', 'botkyrka.se');
    expect(imported.stderr).toContain(`served by process ${pid}`);
    expect(imported.stdout).toContain('Added 1 user to the local tenant contoso.sharepoint.com; 2 refused');
    expect(imported.code).toBe(1);
  });
});
