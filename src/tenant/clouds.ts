/**
 * Microsoft 365's clouds: for each, the Entra ID authority, the Microsoft Graph host and the
 * SharePoint host suffix. Chosen with one option (`--cloud`, `PROVISION_CLOUD` or the config
 * file's `cloud`). Hosts from Microsoft's "National cloud deployments" page
 * (learn.microsoft.com/graph/deployments): Entra ID `login.microsoftonline.us` (US Government,
 * GCC High and DoD) and `login.chinacloudapi.cn`; Graph `graph.microsoft.us`,
 * `dod-graph.microsoft.us`, `microsoftgraph.chinacloudapi.cn`; SharePoint Online's tenants live
 * under `sharepoint.us` (GCC High), `sharepoint-mil.us` (DoD) and `sharepoint.cn` (21Vianet).
 * GCC (moderate) is the global cloud.
 */

/** The names `--cloud` accepts. */
export const CLOUD_NAMES = ['global', 'usgov', 'usgov-dod', 'china'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** One cloud's endpoints. Hosts are bare (no scheme); every URL built from them is https. */
export interface Cloud {
  name: CloudName;
  /** A sentence for banners, e.g. `US Government (GCC High)`. */
  label: string;
  /** `https://login.microsoftonline.com`: the authority host for `@azure/identity`. */
  authorityHost: string;
  /** `graph.microsoft.com` */
  graphHost: string;
  /** `sharepoint.com`: a tenant `contoso` is `contoso.sharepoint.com`, its admin host `contoso-admin.sharepoint.com`. */
  sharepointSuffix: string;
}

const CLOUDS: Record<CloudName, Cloud> = {
  global: { name: 'global', label: 'global (commercial and GCC)', authorityHost: 'https://login.microsoftonline.com', graphHost: 'graph.microsoft.com', sharepointSuffix: 'sharepoint.com' },
  usgov: { name: 'usgov', label: 'US Government (GCC High)', authorityHost: 'https://login.microsoftonline.us', graphHost: 'graph.microsoft.us', sharepointSuffix: 'sharepoint.us' },
  'usgov-dod': { name: 'usgov-dod', label: 'US Government (DoD)', authorityHost: 'https://login.microsoftonline.us', graphHost: 'dod-graph.microsoft.us', sharepointSuffix: 'sharepoint-mil.us' },
  china: { name: 'china', label: 'China (operated by 21Vianet)', authorityHost: 'https://login.chinacloudapi.cn', graphHost: 'microsoftgraph.chinacloudapi.cn', sharepointSuffix: 'sharepoint.cn' },
};

/** The cloud of a name (case-insensitive; `gcchigh`, `dod`, `usgovernment` are accepted too); throws naming the choices. */
export function cloudOf(name: string | undefined): Cloud {
  const n = (name ?? 'global').trim().toLowerCase();
  const alias: Record<string, CloudName> = { public: 'global', commercial: 'global', gcc: 'global', gcchigh: 'usgov', 'gcc-high': 'usgov', usgovernment: 'usgov', dod: 'usgov-dod', usgovdod: 'usgov-dod', chinacloud: 'china', '21vianet': 'china' };
  const key = (CLOUD_NAMES as readonly string[]).includes(n) ? (n as CloudName) : alias[n];
  if (!key) throw new Error(`unknown cloud '${name}': use one of ${CLOUD_NAMES.join(', ')}`);
  return CLOUDS[key];
}

/** `https://graph.microsoft.com` for the cloud. */
export function graphOrigin(cloud: Cloud): string {
  return `https://${cloud.graphHost}`;
}

/** `contoso.sharepoint.com` from `contoso` (a name with a dot is taken as a host already). */
export function sharepointHostOf(tenant: string, cloud: Cloud): string {
  return tenant.includes('.') ? tenant.toLowerCase() : `${tenant.toLowerCase()}.${cloud.sharepointSuffix}`;
}

/** `contoso-admin.sharepoint.com` from `contoso.sharepoint.com`, for any cloud's suffix. */
export function adminHostOf(sharepointHost: string): string {
  const dot = sharepointHost.indexOf('.');
  return dot < 0 ? `${sharepointHost}-admin` : `${sharepointHost.slice(0, dot)}-admin${sharepointHost.slice(dot)}`;
}

/** SharePoint Online's host suffixes and Graph's hosts in every cloud (asked several times a request). */
const SHAREPOINT_SUFFIXES = Object.values(CLOUDS).map((c) => `.${c.sharepointSuffix}`);
const GRAPH_HOSTS = new Set(Object.values(CLOUDS).map((c) => c.graphHost));

/** Whether a host is SharePoint Online's in some cloud. */
export function isSharePointHost(host: string): boolean {
  const h = host.toLowerCase();
  return SHAREPOINT_SUFFIXES.some((suffix) => h.endsWith(suffix));
}

/** Whether a host is Microsoft Graph's in some cloud. */
export function isGraphHost(host: string): boolean {
  return GRAPH_HOSTS.has(host.toLowerCase());
}
