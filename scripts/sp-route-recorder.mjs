// Records every Graph and SharePoint request a local tenant in this process answers, with its
// answer, as the corpus scripts/sp-route-replay.ts replays. Loaded before anything else, in the
// test processes and the CLIs they start:
//
//   SP_RECORD=/tmp/corpus.jsonl NODE_OPTIONS="--import $PWD/scripts/sp-route-recorder.mjs" npx vitest run test/emulator/sp-*.test.ts
//
// It wraps the request listener of every node:http server: the request's body and the answer's
// bytes are copied as they pass. A request belongs to the tenant its bearer token names (`tid`,
// so that a tenant restarted on its state folder stays one); the token's claims are kept
// unverified, for the replay to sign again. Does nothing without SP_RECORD.
import { appendFileSync } from 'node:fs';
import http from 'node:http';

const out = process.env.SP_RECORD;
const KEEP = ['x-forwarded-host', 'accept', 'content-type', 'x-http-method', 'if-match', 'odata-version', 'authorization', 'consistencylevel', 'prefer'];

function faceOf(host, path) {
  const h = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  if (h === 'graph.microsoft.com' || (!h && /^\/(v1\.0|beta)(\/|$)/i.test(path))) return 'graph';
  if (h.endsWith('.sharepoint.com') || (!h && /\/_api(\/|$)|\/_vti_bin\//i.test(path))) return 'sharepoint';
  return undefined;
}

function claimsOf(auth) {
  const m = /^Bearer\s+([^.]+)\.([^.]+)\.([^.]+)$/i.exec(auth ?? '');
  if (!m) return null;
  try {
    return JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

let servers = 0;

function wrap(listener) {
  const server = `${process.pid}-${servers++}`;
  let lastTenant = server;
  return function recorded(req, res) {
    const path = (req.url ?? '/').split('?')[0];
    const fwd = req.headers['x-forwarded-host'];
    const face = faceOf(Array.isArray(fwd) ? fwd[0] : fwd, path);
    if (face) {
      const chunks = [];
      const sent = [];
      req.on('data', (c) => chunks.push(Buffer.from(c)));
      const write = res.write.bind(res);
      const end = res.end.bind(res);
      res.write = (c, ...rest) => {
        if (c && typeof c !== 'function') sent.push(Buffer.from(c));
        return write(c, ...rest);
      };
      res.end = (c, ...rest) => {
        if (c && typeof c !== 'function') sent.push(Buffer.from(c));
        const claims = claimsOf(req.headers.authorization);
        if (claims && typeof claims.tid === 'string') lastTenant = claims.tid;
        const host = String(Array.isArray(fwd) ? fwd[0] : (fwd ?? '')).toLowerCase();
        const headers = {};
        for (const k of KEEP) if (req.headers[k] !== undefined) headers[k] = req.headers[k];
        appendFileSync(
          out,
          JSON.stringify({
            tenant: lastTenant,
            spHost: host.endsWith('.sharepoint.com') ? host.replace(/-admin\.sharepoint\.com$/, '.sharepoint.com') : null,
            face,
            method: req.method,
            url: req.url,
            headers,
            body: Buffer.concat(chunks).toString('base64'),
            claims,
            status: res.statusCode,
            resBody: Buffer.concat(sent).toString('utf8'),
          }) + '\n',
        );
        return end(c, ...rest);
      };
    }
    return listener(req, res);
  };
}

if (out) {
  const create = http.createServer;
  http.createServer = function (...args) {
    const i = args.findIndex((a) => typeof a === 'function');
    if (i >= 0) args[i] = wrap(args[i]);
    return create.apply(this, args);
  };
}
