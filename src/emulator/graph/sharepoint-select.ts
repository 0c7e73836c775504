/**
 * `$select` on the SharePoint-backed Graph routes (sites, lists, columns, content types), checked
 * as Microsoft Graph checks it before the request reaches SharePoint: every name must be a
 * property (structural or navigation) the entity type declares in the v1.0 metadata
 * (sharepoint-schema.ts), compared case-insensitively; anything else is 400 `BadRequest`
 * "Parsing OData Select and Expand failed: Could not find a property named 'x' on type
 * 'microsoft.graph.site'.", never silently dropped. `*` selects everything. A path below a
 * declared property (`list/template`) is refused as not served by the local tenant, which shapes
 * answers by whole properties only.
 */
import type { Req } from '../http.ts';
import { selectOf } from './collection.ts';
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
