/**
 * `provision emulator start` serves the local tenant on its own; plan and apply in the same
 * folder use that running tenant (and say so), and its state outlives it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision, repoRoot, workspaceWith } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

test('plan and apply use a running `provision emulator start` (and refuse options that cannot shape it), whose state lasts after it stops', async () => {
  const cwd = await workspaceWith('botkyrka');
  const server = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'emulator', 'start'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const banner = await new Promise<string>((resolve, reject) => {
      let text = '';
      server.stdout.on('data', (d) => {
        text += d;
        if (text.includes('\n')) resolve(text);
      });
      server.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(url).toBeDefined();

    const applied = await provision(cwd, 'apply', 'botkyrka/blueprint.yaml', '--yes', '--allow-custom-script');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stderr).toContain(`served by process ${server.pid} at ${url}`);
    const again = await provision(cwd, 'plan', 'botkyrka/blueprint.yaml', '--detailed-exitcode');
    expect(again.code, again.stdout).toBe(0);
    // Options for a local tenant this command would start cannot shape the running one: refused, not ignored.
    const conflicting = await provision(cwd, 'plan', 'botkyrka/blueprint.yaml', '--local-profile', 'realistic', '--local-time-scale', '100');
    expect(conflicting.code).toBe(1);
    expect(conflicting.stderr).toContain(`already served by process ${server.pid}`);
    expect(conflicting.stderr).toContain('--local-profile, --local-time-scale cannot apply');
  } finally {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
  await withTenant(cwd, async (t) => {
    expect((await siteByPath(t, '/sites/sbf-bygglov'))?.displayName).toBe('Bygglov');
  });
});
