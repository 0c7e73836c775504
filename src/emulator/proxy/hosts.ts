/**
 * Which hosts the proxy serves from the local tenant, which it refuses, and which it tunnels
 * through unchanged. Served: the global cloud's Graph and Entra ID hosts (with the sign-in aliases
 * MSAL uses) and the tenant's SharePoint and SharePoint admin hosts. Refused: any other Microsoft
 * 365 host (another tenant's SharePoint, another cloud's Graph or Entra ID), so that a tool
 * pointed at the proxy never reaches a real tenant by a typo. Anything else is tunnelled, as Dev
 * Proxy does (npm, telemetry).
 */

/** The hosts the local tenant answers for, lower case, for a tenant's SharePoint host. */
export function servedHosts(sharepointHost: string): string[] {
  const sp = sharepointHost.toLowerCase();
  return ['graph.microsoft.com', 'login.microsoftonline.com', 'login.microsoft.com', 'login.windows.net', 'sts.windows.net', sp, sp.replace(/\.sharepoint\.com$/, '-admin.sharepoint.com')];
}

/** Hosts of Microsoft 365 in any cloud (clouds.ts lists them): never tunnelled to the real service. */
const MICROSOFT_365 = /(^|\.)(sharepoint(-mil)?\.(com|us|cn)|microsoftonline\.(com|us)|chinacloudapi\.cn|(dod-)?graph\.microsoft\.(com|us)|login\.windows\.net|sts\.windows\.net|login\.microsoft\.com)$/i;

/** What the proxy does with a host. */
export type HostRoute = 'serve' | 'refuse' | 'tunnel';

export function routeOf(host: string, served: ReadonlySet<string>): HostRoute {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (served.has(h)) return 'serve';
  if (MICROSOFT_365.test(h)) return 'refuse';
  return 'tunnel';
}

/** The refusal's text: names the host and what the proxy serves. */
export function refusalMessage(host: string, served: readonly string[]): string {
  return `The local tenant's proxy does not pass ${host} on: it is a Microsoft 365 host that this local tenant does not serve (it serves ${served.join(', ')}), and requests to it are refused so that none reaches a real tenant.`;
}

/** `host[:port]` of a CONNECT target or a Host header, as host and port (default `dflt`). */
export function splitAuthority(authority: string, dflt: number): { host: string; port: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(authority) ?? /^([^:]+)(?::(\d+))?$/.exec(authority);
  if (!m) return { host: authority, port: dflt };
  return { host: m[1]!.toLowerCase(), port: m[2] ? Number(m[2]) : dflt };
}
