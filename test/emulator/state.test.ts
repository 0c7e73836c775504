import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startLocalTenant, StateLockedError } from '../../src/emulator/index.ts';
import { client, groupSite, newGroup, tempDir, uniq } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('state directory', () => {
  it('keeps identity and state across a restart', async () => {
    const dir = tempDir();
    const t1 = await startLocalTenant({ stateDir: dir });
    const c1 = await client(t1);
    const g = await newGroup(c1);
    const site = await groupSite(c1, g.id);
    const list = await c1.sp('POST', `${site.path}/_api/web/lists`, { BaseTemplate: 100, Title: 'Keep me' });
    await c1.sp('POST', `${site.path}/_api/web/lists(guid'${list.json.Id}')/fields/CreateFieldAsXml`, {
      parameters: { SchemaXml: '<Field ID="{9e0e0e0e-0000-4000-8000-000000000001}" Name="Kept" DisplayName="Kept" Type="Text" />' },
    });
    // change a builtin so that it must be snapshotted
    await c1.graph('PATCH', `/sites/${site.id}/columns/fa564e0f-0c70-4ab9-b863-0177e6ddd247`, { description: 'changed builtin' });
    const ident = { tenantId: t1.tenantId, clientId: t1.clientId, clientSecret: t1.clientSecret };
    await t1.close();
    expect(fs.existsSync(path.join(dir, 'endpoint.json'))).toBe(false);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);

    const t2 = await startLocalTenant({ stateDir: dir });
    try {
      expect({ tenantId: t2.tenantId, clientId: t2.clientId, clientSecret: t2.clientSecret }).toEqual(ident);
      const c2 = await client(t2);
      expect((await c2.graph('GET', `/groups/${g.id}`)).json.mailNickname).toBe(g.mailNickname);
      expect((await c2.graph('GET', `/sites/${site.id}`)).status).toBe(200);
      const col = await c2.graph('GET', `/sites/${site.id}/lists/${list.json.Id}/columns/9e0e0e0e-0000-4000-8000-000000000001`);
      expect(col.json.name).toBe('Kept');
      const t = await c2.graph('GET', `/sites/${site.id}/columns/fa564e0f-0c70-4ab9-b863-0177e6ddd247`);
      expect(t.json.description).toBe('changed builtin');
      expect((await c2.graph('GET', '/users?$top=999')).json.value).toHaveLength(121);
      // the old token is still valid (same signing key)
      const old = await fetch(`${t2.url}/v1.0/groups/${g.id}`, { headers: { authorization: `Bearer ${c2.graphToken}`, 'x-forwarded-host': 'graph.microsoft.com' } });
      expect(old.status).toBe(200);
    } finally {
      await t2.close();
    }
  });

  it("a list's built-in columns: made when asked, a changed one kept in its place, a deleted one stays deleted across a restart", async () => {
    const dir = tempDir();
    const t1 = await startLocalTenant({ stateDir: dir });
    const c1 = await client(t1);
    const site = (await c1.graph('GET', '/sites/contoso.sharepoint.com:/')).json;
    const names = async (c: typeof c1, list: string) => (await c.graph('GET', `/sites/${site.id}/lists/${list}/columns?$select=name,description`)).json.value as { name: string; description: string }[];
    const changed = (await c1.graph('POST', `/sites/${site.id}/lists`, { displayName: 'Changed', list: { template: 'genericList' }, columns: [{ name: 'Mine', text: {} }] })).json;
    const removed = (await c1.graph('POST', `/sites/${site.id}/lists`, { displayName: 'Removed', list: { template: 'documentLibrary' } })).json;
    const before = await names(c1, changed.id);
    expect(before.at(-1)!.name).toBe('Mine');
    const titleAt = before.findIndex((f) => f.name === 'Title');
    expect(titleAt).toBeGreaterThanOrEqual(0);
    expect((await c1.graph('PATCH', `/sites/${site.id}/lists/${changed.id}/columns/fa564e0f-0c70-4ab9-b863-0177e6ddd247`, { description: 'changed' })).status).toBe(200);
    expect((await c1.graph('DELETE', `/sites/${site.id}/lists/${removed.id}/columns/fa564e0f-0c70-4ab9-b863-0177e6ddd247`)).status).toBe(204);
    const libraryColumns = (await names(c1, removed.id)).map((f) => f.name);
    expect(libraryColumns).not.toContain('Title');
    await t1.close();

    const t2 = await startLocalTenant({ stateDir: dir });
    try {
      const c2 = await client(t2);
      const after = await names(c2, changed.id);
      expect(after.map((f) => f.name)).toEqual(before.map((f) => f.name));
      expect(after[titleAt]).toMatchObject({ name: 'Title', description: 'changed' });
      expect((await names(c2, removed.id)).map((f) => f.name)).toEqual(libraryColumns);
      expect((await c2.graph('GET', `/sites/${site.id}/lists/${removed.id}/columns/fa564e0f-0c70-4ab9-b863-0177e6ddd247`)).status).toBe(404);
    } finally {
      await t2.close();
    }
  });

  it('a journal line of an operation it does not know stops loading with an error naming the file and line', async () => {
    const dir = tempDir();
    const t1 = await startLocalTenant({ stateDir: dir });
    await t1.close();
    const snapshot = path.join(dir, 'snapshot.jsonl');
    const lines = fs.readFileSync(snapshot, 'utf8').split('\n').filter(Boolean);
    fs.writeFileSync(snapshot, [...lines.slice(0, 3), JSON.stringify({ k: 'fromANewerVersion', v: {} }), ...lines.slice(3)].join('\n') + '\n');
    await expect(startLocalTenant({ stateDir: dir })).rejects.toThrow(`local tenant state file ${snapshot} is corrupt (line 4 cannot be replayed: unknown operation 'fromANewerVersion')`);
  });

  it('refuses a second server on the same directory, naming the pid and port; writes endpoint.json', async () => {
    const dir = tempDir();
    const t1 = await startLocalTenant({ stateDir: dir });
    try {
      const ep = JSON.parse(fs.readFileSync(path.join(dir, 'endpoint.json'), 'utf8')) as { pid: number; port: number; url: string };
      expect(ep).toEqual({ pid: process.pid, port: t1.port, url: t1.url });
      const err = await startLocalTenant({ stateDir: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StateLockedError);
      expect(String((err as Error).message)).toContain(String(process.pid));
      expect(String((err as Error).message)).toContain(String(t1.port));
    } finally {
      await t1.close();
    }
    // after close the directory is free again
    const t2 = await startLocalTenant({ stateDir: dir });
    await t2.close();
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'lock'), JSON.stringify({ pid: 2 ** 22 + 12345, port: 1 }));
    const t = await startLocalTenant({ stateDir: dir });
    await t.close();
  });

  it('an acknowledged mutation survives kill -9', async () => {
    const dir = tempDir();
    const script = path.join(here, 'fixtures', 'serve.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const info = await new Promise<{ url: string }>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const nl = buf.indexOf('\n');
        if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)) as { url: string });
      });
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    // a second process cannot take the directory while the first lives
    const err = await startLocalTenant({ stateDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateLockedError);
    expect((err as StateLockedError).pid).toBe(child.pid);
    // talk to the child through a LocalTenant-like object built from the state dir
    const ident = JSON.parse(fs.readFileSync(path.join(dir, 'tenant.json'), 'utf8')) as { tenantId: string; clientId: string };
    const secrets = JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as { clientSecret: string };
    const port = Number(new URL(info.url).port);
    const fake = { url: info.url, port, tenantId: ident.tenantId, clientId: ident.clientId, clientSecret: secrets.clientSecret, certificatePath: path.join(dir, 'app-certificate.pem'), tenantName: 'contoso', sharepointHost: 'contoso.sharepoint.com', stats: () => ({ requests: 0, byOperation: {}, byStatus: {} }), close: async () => {} };
    const c = await client(fake as unknown as Parameters<typeof client>[0]);
    const nick = uniq('killed');
    const g = await newGroup(c, nick);
    const site = await groupSite(c, g.id);
    const f = await c.sp('POST', `${site.path}/_api/web/fields/CreateFieldAsXml`, { parameters: { SchemaXml: '<Field ID="{7e0e0e0e-0000-4000-8000-000000000001}" Name="Durable" DisplayName="Durable" Type="Text" />' } });
    expect(f.status).toBe(200);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const t = await startLocalTenant({ stateDir: dir });
    try {
      const c2 = await client(t);
      const gg = await c2.graph('GET', `/groups?$filter=mailNickname eq '${nick}'`);
      expect(gg.json.value).toHaveLength(1);
      const col = await c2.graph('GET', `/sites/${site.id}/columns/7e0e0e0e-0000-4000-8000-000000000001`);
      expect(col.json.name).toBe('Durable');
    } finally {
      await t.close();
    }
  });

  it('stats() counts requests by operation', async () => {
    const dir = tempDir();
    const t = await startLocalTenant({ stateDir: dir });
    try {
      const c = await client(t);
      await newGroup(c);
      await newGroup(c);
      await c.graph('GET', '/users?$top=1');
      const s = t.stats();
      expect(s.byOperation['POST /groups']).toBe(2);
      expect(s.byOperation['GET /users']).toBe(1);
      expect(s.byOperation['POST /{tenant}/oauth2/v2.0/token']).toBe(2);
      expect(s.requests).toBe(5);
    } finally {
      await t.close();
    }
  });
});
