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
