/**
 * `$select` and `$expand` on the SharePoint-backed Graph routes (sites, lists, items, columns,
 * content types, drives; teams too), checked as Microsoft Graph checks them before the request
 * reaches SharePoint: every `$select` name must be a property (structural or navigation) the
 * entity type declares in the v1.0 metadata (sharepoint-schema.ts), compared case-insensitively;
 * anything else is 400 `BadRequest` "Parsing OData Select and Expand failed: Could not find a
 * property named 'x' on type 'microsoft.graph.site'.", never silently dropped. `*` selects
 * everything. A path below a declared property (`list/template`) is refused as not served by the
 * local tenant, which shapes answers by whole properties only. An `$expand` item must name a
 * navigation property of the type, whole (no prefix); one the local tenant does not expand is
 * refused as not served, never ignored.
 */
import type { Req } from '../http.ts';
import { selectOf } from './collection.ts';
import { checkedExpand } from './directory-query.ts';
import { GraphError } from './errors.ts';
import type { SharePointType } from './sharepoint-schema.ts';

/** Throws the service's 400 for the first name in `names` (a `$select`, top-level or nested in an `$expand`) that `type` does not declare. */
export function checkSharePointSelect(type: SharePointType, names: readonly string[] | null): void {
  for (const n of names ?? []) {
    if (n === '*') continue;
    const first = n.split('/')[0]!.trim();
    const key = first.toLowerCase();
    if (!type.properties.has(key) && !type.navigation.has(key))
      throw new GraphError(400, 'BadRequest', `Parsing OData Select and Expand failed: Could not find a property named '${first}' on type '${type.name}'.`);
    if (first !== n) throw new GraphError(400, 'BadRequest', `Selecting a path below a property ('${n}') is not served by the local tenant.`);
  }
}

/** The request's `$select` as a list of names (null without one), each checked against `type`. */
export function sharePointSelect(req: Req, type: SharePointType): string[] | null {
  const sel = selectOf(req);
  checkSharePointSelect(type, sel);
  return sel;
}

/** What a route expands: a navigation property (lower case) and the type its nested `$select` is checked against (null: an open type, whose names are not checked). */
export type ServedExpansions = Readonly<Record<string, SharePointType | null>>;

/**
 * The request's `$expand` items checked against `type` (`checkedExpand`: the service's 400s, and
 * "not served" for a navigation property not in `served`), keyed by the navigation property in
 * lower case, each with its nested `$select` (null without one), checked against the served
 * property's type.
 */
export function sharePointExpand(req: Req, type: SharePointType, served: ServedExpansions): Map<string, string[] | null> {
  const out = new Map<string, string[] | null>();
  for (const e of checkedExpand(req, type, (key) => Object.hasOwn(served, key))) {
    const key = e.prop.toLowerCase();
    const target = served[key];
    if (target) checkSharePointSelect(target, e.select);
    out.set(key, e.select);
  }
  return out;
}
