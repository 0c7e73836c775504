/**
 * A `$filter`'s property names checked against the entity type of a Teams collection (a team's
 * channels and members, a channel's members and tabs), as Graph's OData layer checks them before
 * the workload runs: a name the type does not declare (structural or navigation) is 400
 * `BadRequest` "Could not find a property named 'x' on type 'microsoft.graph.channel'." (the
 * OData URI parser's message). The local tenant used to evaluate such a filter as false for
 * every item: an empty answer, where the service refuses the request. A lambda's variable
 * (`roles/any(r: r eq 'owner')`) and a type cast (`microsoft.graph.aadUserConversationMember/email`)
 * are not names of the type: the first is bound, the second narrows to a derived type, left to
 * the evaluation. Names compare case-insensitively, as the type's sets hold them.
 */
import type { Node } from '../odata.ts';
import { GraphError } from './errors.ts';
import type { SharePointType } from './sharepoint-schema.ts';

/** Throws the OData layer's 400 for the first property `filter` names that `type` does not declare. */
export function checkFilterNames(filter: Node, type: SharePointType, vars: ReadonlySet<string> = new Set()): void {
  const declared = (name: string) => {
    if (vars.has(name) || name.includes('.')) return;
    const k = name.toLowerCase();
    if (type.properties.has(k) || type.navigation.has(k)) return;
    throw new GraphError(400, 'BadRequest', `Could not find a property named '${name}' on type '${type.name}'.`);
  };
  switch (filter.k) {
    case 'lit':
      return;
    case 'path':
      return declared(filter.v[0]!);
    case 'cmp':
    case 'and':
    case 'or':
      checkFilterNames(filter.l, type, vars);
      return checkFilterNames(filter.r, type, vars);
    case 'not':
      return checkFilterNames(filter.e, type, vars);
    case 'in':
      checkFilterNames(filter.l, type, vars);
      for (const x of filter.list) checkFilterNames(x, type, vars);
      return;
    case 'fn':
      for (const a of filter.args) checkFilterNames(a, type, vars);
      return;
    case 'lambda':
      declared(filter.coll[0]!);
      if (filter.e && filter.v !== null) checkFilterNames(filter.e, type, new Set([...vars, filter.v]));
      return;
  }
}
