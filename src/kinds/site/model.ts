/**
 * site: what the two site kinds (`teamSite`, `commSite`) share. A blueprint's `site:` is one or
 * the other (its `type:`), both are addressed `site[<server-relative URL>]` in one address space
 * (one URL, one site), and `prune: [site]` stands for both. Not a kind itself. A leaf.
 */
import { siteOfAddress, type Address } from '../../model/address.ts';

/** Address of a site, keyed by its server-relative URL (e.g. `/sites/plan`). */
export function siteAddress(serverRelativeUrl: string): Address {
  return `site[${serverRelativeUrl}]`;
}

/** True when two addresses lie in one site (`site[…]`, compared case-insensitively). */
export function inOneSite(a: Address, b: Address): boolean {
  const siteOf = (x: Address) => siteOfAddress(x)?.toLowerCase();
  return siteOf(a) !== undefined && siteOf(a) === siteOf(b);
}
