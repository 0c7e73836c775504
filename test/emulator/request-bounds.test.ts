/**
 * The local tenant's front door, from the client's side: a request without a valid token is
 * answered from its headers (a declared 200 MB body is never read), a body over the face's bound
 * is refused with the service's answer (Graph 413, SharePoint 400 "The request message is too
 * big"), whether its length is declared or streamed, and the control routes need the control key.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { GRAPH_MAX_BODY, SHAREPOINT_MAX_BODY } from '../../src/emulator/request-intake.ts';
import { tenantPerTest } from './helpers.ts';

const tenant = tenantPerTest();

/**
 * Sends headers declaring `declared` bytes, then only `sent` bytes, and waits for the answer:
 * an answer that arrives proves the server did not wait for (or buffer) the rest.
 */
function partialUpload(url: string, path: string, headers: Record<string, string>, declared: number, sent: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path, method: 'POST', headers: { ...headers, 'content-length': String(declared) } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s: the server waited for the body')));
    req.write(Buffer.alloc(sent, 0x20));
  });
}

/** Streams `size` bytes with chunked encoding (no declared length). */
function chunkedUpload(url: string, path: string, headers: Record<string, string>, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path, method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = size;
    const pump = () => {
      while (left > 0) {
        left -= chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('request bounds', () => {
  it('a request without a token is answered 401 before its body is read (Graph and SharePoint)', async () => {
    const { t } = await tenant();
    const g = await partialUpload(t.url, '/v1.0/groups', { 'x-forwarded-host': 'graph.microsoft.com', 'content-type': 'application/json' }, 200 * 1024 * 1024, 1024);
    expect(g.status).toBe(401);
    expect(JSON.parse(g.body).error.code).toBe('InvalidAuthenticationToken');
    const s = await partialUpload(t.url, '/_api/web/lists', { 'x-forwarded-host': t.sharepointHost, authorization: 'Bearer not.a.token', accept: 'application/json' }, 200 * 1024 * 1024, 1024);
    expect(s.status).toBe(401);
    expect(t.stats().byStatus['401']).toBe(2);
  });

  it('a request whose client drops mid-body is never handled (no answer, nothing counted, nothing made)', async () => {
    const { t, c } = await tenant();
    const before = t.stats().requests;
    const u = new URL(t.url);
    const whole = JSON.stringify({ displayName: 'Half', mailNickname: 'half-sent', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] });
    await new Promise<void>((resolve) => {
      const req = http.request({ host: u.hostname, port: u.port, path: '/v1.0/groups', method: 'POST', headers: { 'x-forwarded-host': 'graph.microsoft.com', authorization: `Bearer ${c.graphToken}`, 'content-type': 'application/json', 'content-length': String(whole.length + 10) } });
      req.on('error', () => resolve());
      // the whole JSON is sent, but not the ten bytes more the headers promised: then the client goes
      req.write(whole, () => setTimeout(() => (req.destroy(), resolve()), 200));
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.stats().requests).toBe(before);
    const found = await c.graph('GET', `/groups?$filter=mailNickname eq 'half-sent'`);
    expect(found.json.value).toEqual([]);
  });

  it('a request to no known host is answered 404 before its body is read', async () => {
    const { t } = await tenant();
    const r = await partialUpload(t.url, '/somewhere', { 'x-forwarded-host': 'example.org' }, 200 * 1024 * 1024, 1024);
    expect(r.status).toBe(404);
  });

  it('Graph refuses a body over 4 MB with 413, declared or streamed; one under it is served', async () => {
    const { t, c } = await tenant();
    const headers = { 'x-forwarded-host': 'graph.microsoft.com', authorization: `Bearer ${c.graphToken}`, 'content-type': 'application/json' };
    const declared = await partialUpload(t.url, '/v1.0/groups', headers, GRAPH_MAX_BODY + 1, 1024);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe('RequestEntityTooLarge');
    const streamed = await chunkedUpload(t.url, '/v1.0/groups', headers, GRAPH_MAX_BODY + 128 * 1024);
    expect(streamed.status).toBe(413);
    const big = 'x'.repeat(GRAPH_MAX_BODY - 1024);
    const under = await c.graph('POST', '/groups', { displayName: 'Under the bound', mailNickname: 'under', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], pad: big });
    expect(under.status).not.toBe(413);
    expect(t.stats().byOperation['POST (body too large)']).toBe(2);
  });

  it('SharePoint refuses a body over 2 MB with its InvalidClientQueryException', async () => {
    const { t, c } = await tenant();
    const r = await c.sp('POST', '/_api/web/lists', { Title: 'x'.repeat(SHAREPOINT_MAX_BODY) });
    expect(r.status).toBe(400);
    expect(r.json['odata.error']).toMatchObject({
      code: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
      message: { value: `The request message is too big. The server does not allow messages larger than ${SHAREPOINT_MAX_BODY} bytes.` },
    });
    expect((await c.sp('GET', "/_api/web/lists/getbytitle('Documents')")).status).toBe(200);
  });

  it('the control routes need the control key', async () => {
    const { t } = await tenant();
    const none = await fetch(`${t.url}/_emulator/stats`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(JSON.stringify(await none.json())).not.toContain(t.controlKey);
    expect((await fetch(`${t.url}/_emulator/stats`, { headers: { authorization: `Bearer ${t.controlKey}x` } })).status).toBe(401);
    expect((await fetch(`${t.url}/_emulator/nothing`, { headers: { authorization: `Bearer ${t.controlKey}` } })).status).toBe(404);
    const ok = await fetch(`${t.url}/_emulator/stats`, { headers: { authorization: `Bearer ${t.controlKey}` } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { byStatus: Record<string, number> }).byStatus['401']).toBe(2);
  });
});
