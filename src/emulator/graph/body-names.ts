/**
 * The names a write's JSON body may hold, checked as Graph's OData layer checks them before the
 * request reaches the workload: every top-level name must be a property the entity type declares
 * (sharepoint-schema.ts, teams-schema.ts: from the v1.0 metadata), and a `name@odata.bind` must
 * bind a navigation property; an instance annotation (`@odata.type`) is not a property. Anything
 * else is 400 with the OData message, where the local tenant used to ignore it (a misspelt
 * property, or one the type does not have, would have passed here and failed on the service).
 * Names are compared exactly, as the metadata spells them: Graph's JSON reader does not fold case
 * (`DisplayName` for `displayName` fails on the service: microsoftgraph/microsoft-graph-docs#37,
 * msgraph-sdk-powershell#2187), though its query options do.
 */
import { GraphError } from './errors.ts';
import { exactly, type SharePointType } from './sharepoint-schema.ts';

/** Throws the OData layer's 400 (`code` as the workload answers its own 400s) for the first body name `type` does not declare. */
export function checkBodyNames(body: Record<string, unknown>, type: SharePointType, code = 'BadRequest'): void {
  for (const key of Object.keys(body)) {
    if (key.startsWith('@')) continue;
    const at = key.indexOf('@');
    const name = at > 0 ? key.slice(0, at) : key;
    if (at > 0 ? exactly(type.navigation).has(name) : exactly(type.properties).has(name) || exactly(type.navigation).has(name)) continue;
    throw new GraphError(400, code, `The property '${name}' does not exist on type '${type.name}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
  }
}
