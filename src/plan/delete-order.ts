/**
 * Which undeclared resources found for pruning use which: deletes run dependents first, the
 * reverse of creates, so that the service never refuses a delete because something still uses
 * the object (a group that a role assignment names, a permission level an assignment grants, a
 * site content type that a list's copy or a child type derives from, a site column a content type
 * may link, a hub that a site joins). Sources: SPContentTypeCollection.Delete (a site type that is
 * the basis of a list or child type cannot be deleted); "Delete a site column" (Microsoft
 * Support: remove the column from any content types referencing it first).
 * Pure: it reads only the addresses, ids and props that `listExisting` reports.
 */
import { addressKey, type Address } from '../model/address.ts';
import type { FoundResource } from '../model/found.ts';

/** The site address a resource lives in (`site[/sites/x]`), if any. */
function siteOf(address: Address): string | undefined {
  return /^site\[[^\]]*\]/.exec(address)?.[0].toLowerCase();
}

/** A site column (`site[…]/column[x]`), not a list's. */
function isSiteColumn(address: Address): boolean {
  return /^site\[[^\]]*\]\/column\[[^\]]*\]$/.test(address);
}

const sameName = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
const sameId = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * True when `user` uses `used`, so `user` must be deleted first. One rule per kind of use; both
 * must live in one site where the use is site-scoped (SharePoint groups, levels and content types
 * are per site).
 */
export function uses(user: FoundResource, used: FoundResource): boolean {
  const sameSite = siteOf(user.address) !== undefined && siteOf(user.address) === siteOf(used.address);
  switch (used.kind) {
    case 'siteGroup':
      return sameSite && user.kind === 'roleAssignment' && sameName(user.props.principal, used.props.name);
    case 'roleDefinition':
      return sameSite && user.kind === 'roleAssignment' && Array.isArray(user.props.roles) && user.props.roles.some((r) => sameName(r, used.props.name));
    case 'contentType':
      return (
        sameSite &&
        ((user.kind === 'listContentType' && sameId(user.props.contentTypeId, used.id)) || (user.kind === 'contentType' && sameId(user.props.parentId, used.id)))
      );
    case 'column':
      // A found content type does not list its links; any one in the site may link a site
      // column, so a site column's delete waits for every content type delete of its site.
      return sameSite && user.kind === 'contentType' && isSiteColumn(used.address);
    case 'hubSite':
      return user.kind === 'hubAssociation' && sameId(user.ids.hubSiteId, used.ids.hubSiteId ?? used.id);
    default:
      return false;
  }
}

/**
 * For each delete, the addresses of the deletes that must run before it (what uses it), in the
 * order the deletes are given.
 */
export function deleteDependencies(deleted: readonly FoundResource[]): Map<Address, Address[]> {
  const out = new Map<Address, Address[]>();
  for (const used of deleted) {
    const before = deleted.filter((user) => addressKey(user.address) !== addressKey(used.address) && uses(user, used)).map((u) => u.address);
    out.set(used.address, before);
  }
  return out;
}
