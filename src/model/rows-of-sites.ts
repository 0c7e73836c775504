/**
 * The rows templated sites were stamped from (`Desired.rowsOfSites`): a message after validation
 * names the row of the site an address lies in, so that the line to fix in a CSV of thousands is
 * found. Pure.
 */
import { siteOfAddress, type Address } from './address.ts';

/** The row each site stamped from a template was made from, by the site's address. */
export type RowsOfSites = ReadonlyMap<Address, { readonly label: string }>;

/** The label of the row the site that `address` lies in was stamped from, if it was (`row 12 of stages.csv`). */
export function rowOf(rows: RowsOfSites | undefined, address: Address): string | undefined {
  return rows?.get(siteOfAddress(address) ?? address)?.label;
}

/**
 * How a message ends that names the first row of a template mistake and counts the others:
 * ` (in row 1 of units.csv, line 2, and 41 more rows)`; empty for a site not stamped from a row.
 */
export function inRows(row: string | undefined, more: number): string {
  if (!row) return '';
  return more > 0 ? ` (in ${row}, and ${more} more row${more === 1 ? '' : 's'})` : ` (in ${row})`;
}
