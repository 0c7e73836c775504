/**
 * The custom domains a local tenant has verified, beside its initial `<name>.onmicrosoft.com`:
 * what an admin would have verified in Entra ID (with a DNS record) before a rollout, so that
 * users named as the organisation names its staff (`anna.andersson@botkyrka.se`) can be created
 * and signed in locally. They are given at start (`provision emulator start --domain`) and kept
 * in the state folder's tenant.json: a domain, once verified, stays (Entra refuses to remove a
 * domain that users still use).
 *
 * Microsoft Entra service limits: "You can add no more than 5,000 managed domain names"; "By
 * default, a maximum of 50,000 Microsoft Entra resources can be created in a single tenant ... If
 * you have at least one verified domain, the default Microsoft Entra service quota for your
 * organization is extended to 300,000 Microsoft Entra resources."
 */

/** Entra ID's directory quota without a verified custom domain: users and groups, soft-deleted ones included. */
export const DIRECTORY_QUOTA = 50_000;

/** The same with at least one verified custom domain. */
export const VERIFIED_DOMAIN_DIRECTORY_QUOTA = 300_000;

/** Managed domain names a tenant may hold. */
export const MAX_DOMAINS = 5_000;

/** The objects the quota counts: users and groups, soft-deleted groups included. */
export function directoryObjects(d: { users: { size: number }; groups: { size: number }; deletedGroups: { size: number } }): number {
  return d.users.size + d.groups.size + d.deletedGroups.size;
}

/** The directory's object quota for a tenant with these custom domains. */
export function directoryQuota(customDomains: readonly string[]): number {
  return customDomains.length > 0 ? VERIFIED_DOMAIN_DIRECTORY_QUOTA : DIRECTORY_QUOTA;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A custom domain as the tenant keeps it (lower case), or an error naming it: a DNS name of two
 * labels or more, a top-level label of letters (or an internationalised one, `xn--…`), at most
 * 253 characters, not a Microsoft-owned `onmicrosoft.com` name (those are initial domains,
 * never verified).
 */
export function customDomainName(raw: string): string {
  const name = raw.trim().toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  const fail = (why: string) => new Error(`domain '${raw}' cannot be verified in the local tenant: ${why}`);
  if (!name || name.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) throw fail('it is not a DNS name (letters, digits and hyphens in labels separated by dots, e.g. botkyrka.se)');
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels[labels.length - 1]!)) throw fail('its top-level label is not a top-level domain');
  if (name === 'onmicrosoft.com' || name.endsWith('.onmicrosoft.com')) throw fail('onmicrosoft.com names are initial domains, given with the tenant, never verified');
  return name;
}

/**
 * The tenant's custom domains after a start: those kept, then the new ones given (all checked:
 * tenant.json may have been edited by hand; without repeats), at most MAX_DOMAINS.
 */
export function mergeCustomDomains(kept: readonly string[], given: readonly string[]): string[] {
  const all: string[] = [];
  for (const raw of [...kept, ...given]) {
    const name = customDomainName(raw);
    if (!all.includes(name)) all.push(name);
  }
  if (all.length > MAX_DOMAINS) throw new Error(`the local tenant would hold ${all.length} custom domains; Entra ID allows at most ${MAX_DOMAINS}`);
  return all;
}
