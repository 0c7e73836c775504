/**
 * The transport's sender (src/tenant/http-sender.ts) against plain HTTP servers of this test:
 * it must behave as Node's fetch did (the previous sender, `sendWithFetch`) for what the
 * service can answer: the request a server receives, compressed answers, redirects (credentials
 * never follow a redirect to another origin), bodiless statuses.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWithFetch, sendWithUndici } from '../../src/tenant/http-sender.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

function serve(handle: (req: IncomingMessage, body: string, res: import('node:http').ServerResponse) => void): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handle(req, body, res);
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen, server })));
}

let a: Awaited<ReturnType<typeof serve>>;
let b: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  b = await serve((_req, _body, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ from: 'b' }));
  });
  a = await serve((req, _body, res) => {
    if (req.url === '/gzip') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ value: ['compressed'] })));
    } else if (req.url === '/see-other') {
      res.writeHead(303, { location: '/landing' }).end('moved');
    } else if (req.url === '/elsewhere') {
      res.writeHead(302, { location: `${b.url}/landing` }).end();
    } else if (req.url === '/bom') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"d":"å"}')]));
    } else if (req.url === '/slow-body') {
      // headers now, the body never: only an abort ends the exchange
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    } else if (req.url === '/twice') {
      res.setHeader('x-twice', ['one', 'two']);
      res.end('{}');
    } else if (req.url === '/empty') {
      res.writeHead(204).end();
    } else {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ echo: req.url }));
    }
  });
});
afterAll(() => {
  a?.server.close();
  b?.server.close();
});

describe('http-sender', () => {
  it('sends the request fetch sent: same method, headers and body as the server receives them', async () => {
    const init = { method: 'POST', headers: { Authorization: 'Bearer t', 'X-Extra': '1' }, body: '{"a":1}' };
    const before = await sendWithFetch(`${a.url}/same`, init);
    const after = await sendWithUndici(`${a.url}/same`, init);
    expect(await after.json()).toEqual(await before.json());
    const [viaFetch, viaUndici] = a.seen.slice(-2);
    const comparable = (s: Seen) => {
      const { connection: _c, host: _h, 'sec-fetch-mode': _m, ...rest } = s.headers;
      return { method: s.method, url: s.url, body: s.body, headers: rest };
    };
    expect(comparable(viaUndici!)).toEqual(comparable(viaFetch!));
    expect(viaUndici!.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(after.status).toBe(200);
    expect(after.statusText).toBe(before.statusText);
  });

  it('decodes a gzip answer', async () => {
    const answer = await sendWithUndici(`${a.url}/gzip`, {});
    expect(await answer.json()).toEqual({ value: ['compressed'] });
  });

  it('follows a 303 after a POST as a GET without the body', async () => {
    const answer = await sendWithUndici(`${a.url}/see-other`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":1}' });
    expect(await answer.json()).toEqual({ echo: '/landing' });
    const landing = a.seen.at(-1)!;
    expect(landing).toMatchObject({ method: 'GET', url: '/landing', body: '' });
    expect(landing.headers['content-type']).toBeUndefined();
  });

  it('drops the credentials on a redirect to another origin, as fetch does', async () => {
    const answer = await sendWithUndici(`${a.url}/elsewhere`, { headers: { authorization: 'Bearer secret' } });
    expect(await answer.json()).toEqual({ from: 'b' });
    expect(b.seen.at(-1)!.headers.authorization).toBeUndefined();
    expect(a.seen.at(-1)!.headers.authorization).toBe('Bearer secret');
  });

  it('sends a URL with spaces, quotes and letters past ASCII as fetch sends it', async () => {
    const path = "/lists/getbytitle('Beslut å')/items?$filter=Title eq 'x y'&$select=\"id\"";
    await sendWithFetch(`${a.url}${path}`, {});
    await sendWithUndici(`${a.url}${path}`, {});
    const [viaFetch, viaUndici] = a.seen.slice(-2);
    expect(viaUndici!.url).toBe(viaFetch!.url);
    expect(viaUndici!.url).toContain('%C3%A5');
  });

  it('gives a header sent twice as fetch gives it', async () => {
    const before = await sendWithFetch(`${a.url}/twice`, {});
    const after = await sendWithUndici(`${a.url}/twice`, {});
    expect(after.headers.get('x-twice')).toBe(before.headers.get('x-twice'));
    expect(after.headers.get('x-twice')).toBe('one, two');
  });

  it('an abort while the body is still coming ends the exchange with the signal\'s reason', async () => {
    const control = new AbortController();
    const reason = new Error('deadline');
    setTimeout(() => control.abort(reason), 100);
    const started = Date.now();
    await expect(sendWithUndici(`${a.url}/slow-body`, { signal: control.signal })).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('an abort before the request goes rejects at once with the reason; a refused connection rejects', async () => {
    const control = new AbortController();
    const reason = new Error('gone');
    control.abort(reason);
    await expect(sendWithUndici(`${a.url}/same`, { signal: control.signal })).rejects.toBe(reason);
    const closed = await serve(() => undefined);
    const port = closed.url;
    await new Promise((done) => closed.server.close(done));
    await expect(sendWithUndici(`${port}/nobody`, {})).rejects.toThrow();
  });

  it('gives a 204 with no body', async () => {
    const answer = await sendWithUndici(`${a.url}/empty`, { method: 'DELETE' });
    expect(answer.status).toBe(204);
    expect(answer.body).toBeNull();
  });

  it('gives an answer that reads like a Response: once, cloned before, as text, JSON, bytes or a stream', async () => {
    const url = `${a.url}/bom`;
    for (const send of [sendWithFetch, sendWithUndici]) {
      const answer = await send(url, {});
      expect(answer).toBeInstanceOf(Response);
      expect(answer.ok).toBe(true);
      expect(answer.headers.get('content-type')).toBe('application/json');
      const copy = answer.clone();
      expect(await answer.json()).toEqual({ d: 'å' });
      expect(answer.bodyUsed).toBe(true);
      await expect(answer.text()).rejects.toThrow(TypeError);
      expect(await copy.text()).toBe('{"d":"å"}');
      expect(Buffer.from(await (await send(url, {})).arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(await new Response((await send(url, {})).body).json()).toEqual({ d: 'å' });
    }
  });
});
