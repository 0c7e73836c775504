/**
 * Rehearsing with the staff's real names, as the README says: `provision emulator start` with the
 * organisation's domain verified and the app allowed to create users, a user added with Graph's
 * `POST /users` (as any tool would, with a client-secret token), then `provision apply` in the
 * same folder names her as a site's owner; the next plan is empty. Before, the local tenant knew
 * only its onmicrosoft.com domain, so a blueprint naming `…@botkyrka.se` could not be rehearsed.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision, repoRoot } from '../support/cli.ts';
import { appSecretToken, USER_WRITING_ROLES } from '../support/app-secret-token.ts';

const blueprint = `version: 1
name: staff
sites:
  - url: /sites/stadsbyggnad
    type: communication
    title: Stadsbyggnad
    owner: anna.andersson@botkyrka.se
`;

test('a user added on a verified custom domain owns a site the CLI applies, and the next plan is empty', { timeout: 180_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-staff-'));
  writeFileSync(join(cwd, 'bp.yaml'), blueprint);
  // without the user, the plan names her as missing
  const server = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'emulator', 'start', '--domain', 'botkyrka.se', '--app-roles', USER_WRITING_ROLES], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let banner = '';
    let err = '';
    server.stderr.on('data', (d) => (err += String(d)));
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (d) => {
        banner += String(d);
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
        if (m) resolve(m[1]!);
      });
      server.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    // its last banner line on stderr
    for (let i = 0; i < 200 && !err.includes('Ctrl-C stops it'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(err).toContain('Verified custom domains: botkyrka.se');
    const missing = await provision(cwd, 'plan', 'bp.yaml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("owner 'anna.andersson@botkyrka.se' does not exist in the tenant's directory");

    const { tenantId, clientId } = JSON.parse(readFileSync(join(cwd, '.provision/local-tenant/tenant.json'), 'utf8')) as { tenantId: string; clientId: string };
    const { clientSecret } = JSON.parse(readFileSync(join(cwd, '.provision/local-tenant/credentials.json'), 'utf8')) as { clientSecret: string };
    const accessToken = await appSecretToken(url, { tenantId, clientId, clientSecret });
    const created = await fetch(`${url}/v1.0/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'x-forwarded-host': 'graph.microsoft.com', 'content-type': 'application/json' },
      body: JSON.stringify({ accountEnabled: true, displayName: 'Anna Andersson', mailNickname: 'anna.andersson', userPrincipalName: 'anna.andersson@botkyrka.se', passwordProfile: { password: 'xWwvJ]6NMw+bWH-d' } }),
    });
    expect(created.status).toBe(201);

    const applied = await provision(cwd, 'apply', 'bp.yaml', '--yes');
    expect(applied.stderr).toContain(`served by process ${server.pid}`);
    expect(applied.code).toBe(0);
    // the site exists (SharePoint's site manager resolved its owner on the custom domain: it refuses an unknown one)
    const site = await fetch(`${url}/v1.0/sites/contoso.sharepoint.com:/sites/stadsbyggnad?$select=displayName`, {
      headers: { authorization: `Bearer ${accessToken}`, 'x-forwarded-host': 'graph.microsoft.com' },
    });
    expect(((await site.json()) as { displayName: string }).displayName).toBe('Stadsbyggnad');
    const again = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  } finally {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
});
