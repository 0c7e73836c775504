/**
 * `provision emulator start --proxy` as a user runs it: the proxy it announces serves
 * https://graph.microsoft.com from the local tenant with TLS from the CA that
 * `provision emulator ca` names, and the tenant's stats need the control key.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProxyAgent } from 'undici';
import { expect, test } from 'vitest';
import { provision, repoRoot } from '../support/cli.ts';

test('emulator start --proxy serves the real Graph host through HTTPS_PROXY; emulator ca names its CA', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-proxy-'));
  const state = join(cwd, 'state');
  const server = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'emulator', 'start', '--state', state, '--proxy'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      server.stdout.on('data', (d) => {
        text += d;
        if (text.includes('Proxy listening')) resolve(text);
      });
      server.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const proxyUrl = /HTTPS_PROXY=(\S+)/.exec(out)![1]!;
    const caPath = /NODE_EXTRA_CA_CERTS=(\S+)/.exec(out)![1]!;
    const tenantUrl = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    const ca = await provision(cwd, 'emulator', 'ca', '--state', state);
    expect(ca.code).toBe(0);
    expect(ca.stdout.trim()).toBe(caPath);

    const agent = new ProxyAgent({ uri: proxyUrl, requestTls: { ca: fs.readFileSync(caPath, 'utf8') } });
    try {
      // no token: the local tenant's Graph answer, reached at the real host over verified TLS
      const r = await fetch('https://graph.microsoft.com/v1.0/groups', { dispatcher: agent } as RequestInit);
      expect(r.status).toBe(401);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
    } finally {
      await agent.close();
    }
    expect((await fetch(`${tenantUrl}/_emulator/stats`)).status).toBe(401);
    const { controlKey } = JSON.parse(fs.readFileSync(join(state, 'credentials.json'), 'utf8')) as { controlKey: string };
    const stats = (await (await fetch(`${tenantUrl}/_emulator/stats`, { headers: { authorization: `Bearer ${controlKey}` } })).json()) as { byStatus: Record<string, number> };
    expect(stats.byStatus['401']).toBe(2);
  } finally {
    const exited = new Promise((r) => server.on('exit', r));
    server.kill('SIGINT');
    await exited;
  }
});
