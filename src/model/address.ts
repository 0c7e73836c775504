/**
 * Addresses name every resource of a blueprint, Terraform-style, and are stable across runs:
 *
 *   site[/sites/plan]                              a site (team site or communication site)
 *   site[/sites/plan]/column[CaseNumber]           a site column, by internal name
 *   site[/sites/plan]/list[Shared Documents]       a list or library, by its URL segment
 *   site[/sites/plan]/list[Decisions]/column[Step] a list column, by internal name
 *
 * The bracketed part is the resource's natural key inside its parent.
 */
export type Address = string;

/** Address of a site, keyed by its server-relative URL (e.g. `/sites/plan`). */
export function siteAddress(serverRelativeUrl: string): Address {
  return `site[${serverRelativeUrl}]`;
}

/** Address of a list or library under a site, keyed by the list's URL segment. */
export function listAddress(site: Address, listUrl: string): Address {
  return `${site}/list[${listUrl}]`;
}

/** Address of a column under a site or a list, keyed by its internal name. */
export function columnAddress(parent: Address, internalName: string): Address {
  return `${parent}/column[${internalName}]`;
}

/** Address of a site content type (`site[/sites/x]/contentType[name]`) or a list's copy (`…/list[X]/contentType[name]`). */
export function contentTypeAddress(parent: Address, name: string): Address {
  return `${parent}/contentType[${name}]`;
}

/** Address of a term group of the tenant's term store, by its name. */
export function termGroupAddress(name: string): Address {
  return `termGroup[${name}]`;
}

/** Address of a term set under its group, by its default-language name. */
export function termSetAddress(group: Address, name: string): Address {
  return `${group}/termSet[${name}]`;
}

/** Address of a term under its set, by its path of default-language labels (`Bygglov/Ansökan`). */
export function termAddress(set: Address, path: string): Address {
  return `${set}/term[${path}]`;
}

/** Address of a SharePoint site group: `site[/sites/x]/group[name]`. */
export function siteGroupAddress(site: Address, name: string): Address {
  return `${site}/group[${name}]`;
}

/** Address of a list's inheritance state: `site[/sites/x]/list[X]/permissions`. */
export function permissionScopeAddress(list: Address): Address {
  return `${list}/permissions`;
}

/** Address of one principal's role assignment on a site or a list: `…/roleAssignment[principal]`. */
export function roleAssignmentAddress(securable: Address, principal: string): Address {
  return `${securable}/roleAssignment[${principal}]`;
}

/**
 * The key two addresses are compared by: the service compares every natural key the engine uses
 * case-insensitively (SharePoint site and list URLs, field internal names, content type, group,
 * permission level and view names, term store labels; Teams channel and tab names; UPNs), so
 * `list[dokument]` and `list[Dokument]` are one object. NFC-normalised as well, as the term store
 * compares labels. See docs/design.md, "Names and case".
 */
export function addressKey(address: Address): string {
  return address.normalize('NFC').toLowerCase();
}

/** True when two addresses name the same object as the service compares names. */
export function sameAddress(a: Address, b: Address): boolean {
  return addressKey(a) === addressKey(b);
}
