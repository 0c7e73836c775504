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

/** The site an address lies in (`site[/sites/x]`, as written: the address itself for a site), or undefined for a tenant-level one. */
export function siteOfAddress(address: Address): Address | undefined {
  return /^site\[[^\]]*\]/.exec(address)?.[0];
}

/**
 * True when `address` lies inside one of `containers` (as written: `site[/x]/list[A]/view[B]`
 * lies inside `site[/x]/list[A]` and `site[/x]`). Looks up each of its containing addresses, so
 * it costs the address's depth, not the number of containers.
 */
export function insideAny(address: Address, containers: ReadonlySet<Address>): boolean {
  return containerIn(address, containers) !== undefined;
}

/** The outermost of `containers` that `address` lies inside (as `insideAny` finds it), if any. */
export function containerIn(address: Address, containers: ReadonlySet<Address>): Address | undefined {
  if (containers.size === 0) return undefined;
  for (let end = address.indexOf(']/'); end >= 0; end = address.indexOf(']/', end + 2)) {
    const container = address.slice(0, end + 1);
    if (containers.has(container)) return container;
  }
  return undefined;
}

/** The address `address` lies directly in (`site[/x]/list[A]` for `site[/x]/list[A]/view[B]`), or undefined for a top-level one. */
export function containerOf(address: Address): Address | undefined {
  const end = address.lastIndexOf(']/');
  return end < 0 ? undefined : address.slice(0, end + 1);
}

/** True when two addresses name the same object as the service compares names. */
export function sameAddress(a: Address, b: Address): boolean {
  return addressKey(a) === addressKey(b);
}
