/**
 * The local tenant as an HTTP forward proxy, as Microsoft's Dev Proxy works: a client with
 * `HTTPS_PROXY=http://127.0.0.1:<port>` and the proxy's CA trusted reaches the local tenant at
 * the real URLs. Two forms of request are understood:
 *
 * - `CONNECT graph.microsoft.com:443` (undici, .NET, PowerShell, MSAL): the proxy answers 200
 *   and terminates the TLS itself with a certificate its own CA signed (certificate-authority.ts);
 * - absolute-form `GET https://graph.microsoft.com/v1.0/... HTTP/1.1` over plain HTTP (axios,
 *   hence CLI for Microsoft 365).
 *
 * Requests for a served host go to the local tenant with `x-forwarded-host`, as the engine's
 * in-process rerouting sends them; other hosts are refused or tunnelled (hosts.ts).
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ensureCertificateAuthority, mintServerCertificate } from './certificate-authority.ts';
import { refusalMessage, routeOf, servedHosts, splitAuthority } from './hosts.ts';
import { forwardToTenant, passThrough } from './relay.ts';

export interface LocalTenantProxyOptions {
  /** the local tenant's state folder: the CA lives there */
  stateDir: string;
  /** the local tenant's origin, `http://127.0.0.1:<port>` */
  tenantUrl: string;
  /** `<tenant>.sharepoint.com` */
  sharepointHost: string;
  /** default 0 (any free port); binds 127.0.0.1 */
  port?: number;
}

/** A running proxy: where it listens, the CA clients must trust, the hosts it serves. */
export interface LocalTenantProxy {
  /** `http://127.0.0.1:<port>`: the value for `HTTPS_PROXY` */
  url: string;
  port: number;
  /** the CA certificate (PEM): the value for `NODE_EXTRA_CA_CERTS` */
  caCertificatePath: string;
  /** hosts answered by the local tenant */
  hosts: string[];
  close(): Promise<void>;
}

/** Idle deadline of a client connection or tunnel. */
const IDLE_MS = 120_000;
/** Deadline to open a tunnel to another host. */
const CONNECT_MS = 10_000;
/** Client connections at once (tunnels included); more are refused by the listener. */
const MAX_CONNECTIONS = 1024;

export async function startLocalTenantProxy(opts: LocalTenantProxyOptions): Promise<LocalTenantProxy> {
  const ca = ensureCertificateAuthority(opts.stateDir);
  const hosts = servedHosts(opts.sharepointHost);
  const served = new Set(hosts);
  const leaf = mintServerCertificate(ca, hosts);
  const tenant = new URL(opts.tenantUrl);
  const tenantAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = { host: tenant.hostname, port: Number(tenant.port), agent: tenantAgent };

  // Decrypted CONNECT tunnels: an HTTPS server that never listens; sockets are handed to it.
  const inner = https.createServer({ key: leaf.keyPem, cert: leaf.certificatePem }, (req, res) => {
    const { host } = splitAuthority(String(req.headers.host ?? ''), 443);
    if (routeOf(host, served) !== 'serve') return refuse(res, host, hosts);
    forwardToTenant(req, res, host, req.url ?? '/', target);
  });
  inner.on('tlsClientError', (_e, socket) => socket.destroy());

  const server = http.createServer((req, res) => {
    const raw = req.url ?? '/';
    if (!/^https?:\/\//i.test(raw)) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`This is the local tenant's forward proxy, not a web server: set HTTPS_PROXY=http://127.0.0.1:${port} and NODE_EXTRA_CA_CERTS=${ca.certificatePath}.\n`);
      return;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('The request target is not a valid absolute URL.\n');
      return;
    }
    const host = url.hostname.toLowerCase();
    const route = routeOf(host, served);
    if (route === 'refuse') return refuse(res, host, hosts);
    if (route === 'serve') {
      // the service answers only HTTPS on 443: a plain http:// base URL must fail here as there
      if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443')) return refuseScheme(res, `${url.protocol}//${url.host}`);
      return forwardToTenant(req, res, host, url.pathname + url.search, target);
    }
    passThrough(req, res, url);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    const { host, port: targetPort } = splitAuthority(req.url ?? '', 443);
    const route = routeOf(host, served);
    if (route === 'refuse') {
      const text = refusalMessage(host, hosts);
      socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
      return;
    }
    if (route === 'serve' && targetPort !== 443) {
      const text = notHttpsMessage(`${host}:${targetPort}`);
      socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
      return;
    }
    if (route === 'serve') {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n', () => {
        if (head.length) socket.unshift(head);
        inner.emit('connection', socket);
      });
      return;
    }
    tunnel(socket, head, host, targetPort);
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  // CONNECT tunnels leave the HTTP server's bookkeeping: every client socket is tracked to end it at close
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = IDLE_MS;
  server.headersTimeout = 30_000;
  server.maxConnections = MAX_CONNECTIONS;

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    caCertificatePath: ca.certificatePath,
    hosts,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
        tenantAgent.destroy();
      });
      return closed;
    },
  };
}

/** Microsoft 365 answers only HTTPS on port 443. */
function notHttpsMessage(origin: string): string {
  return `The local tenant's proxy does not serve ${origin}: Microsoft 365 answers only https:// on port 443, so this address would fail against the service too.`;
}

function refuseScheme(res: http.ServerResponse, origin: string): void {
  const text = notHttpsMessage(origin);
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function refuse(res: http.ServerResponse, host: string, hosts: readonly string[]): void {
  const text = refusalMessage(host, hosts);
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** A blind tunnel to another host (its TLS is the client's business), opened within a deadline. */
function tunnel(client: net.Socket, head: Buffer, host: string, port: number): void {
  const upstream = net.connect({ host, port });
  const fail = (why: string) => {
    const text = `The local tenant's proxy could not reach ${host}:${port} (${why}).`;
    if (client.writable) client.end(`HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
    upstream.destroy();
  };
  upstream.setTimeout(CONNECT_MS, () => fail('no connection within 10 s'));
  upstream.once('error', (e) => fail(e.message));
  upstream.once('connect', () => {
    upstream.setTimeout(IDLE_MS, () => {
      upstream.destroy();
      client.destroy();
    });
    upstream.removeAllListeners('error');
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    client.pipe(upstream);
    upstream.pipe(client);
  });
}
