/**
 * A `$filter`'s property names checked against the entity type of a Teams collection (a team's
 * channels and members, a channel's members and tabs), as Graph's OData layer checks them before
 * the workload runs: a name the type does not declare (structural or navigation) is 400
 * `BadRequest` "Could not find a property named 'x' on type 'microsoft.graph.channel'." (the
 * OData URI parser's message). The local tenant used to evaluate such a filter as false for
 * every item: an empty answer, where the service refuses the request. A lambda's variable
 * (`roles/any(r: r eq 'owner')`) is bound, not a name of the type. A type cast
 * (`microsoft.graph.aadUserConversationMember/email`, as "List members of team" filters members
 * by their user) is served where the route says its items are of that derived type: the name after
 * it is checked against the derived type and the cast is dropped for the evaluation; any other cast
 * is 400 "not served by the local tenant" (the stricter reading, never an empty answer). Names
 * compare case-insensitively, as query options do and the type's sets hold them.
 */
import type { Node } from '../odata.ts';
import { GraphError } from './errors.ts';
import type { SharePointType } from './sharepoint-schema.ts';

/** The derived types a collection's items are, by their cast's name (`microsoft.graph.aadUserConversationMember`). */
export type FilterCasts = Readonly<Record<string, SharePointType>>;

/**
 * `filter` checked against `type` (the OData layer's 400 for the first name it does not declare),
 * with the casts `casts` serves dropped: what to evaluate the items with.
 */
export function checkedFilter(filter: Node, type: SharePointType, casts: FilterCasts = {}, vars: ReadonlySet<string> = new Set()): Node {
  const name = (n: string, on: SharePointType) => {
    const k = n.toLowerCase();
    if (on.properties.has(k) || on.navigation.has(k)) return;
    throw new GraphError(400, 'BadRequest', `Could not find a property named '${n}' on type '${on.name}'.`);
  };
  /** A path (or a lambda's collection) without its cast, its first name checked. */
  const path = (v: string[]): string[] => {
    const first = v[0]!;
    if (vars.has(first)) return v;
    if (!first.includes('.')) return name(first, type), v;
    const derived = Object.entries(casts).find(([k]) => k.toLowerCase() === first.toLowerCase())?.[1];
    if (!derived || v.length < 2) throw new GraphError(400, 'BadRequest', `The type cast '${first}' in $filter is not served by the local tenant.`);
    name(v[1]!, derived);
    return v.slice(1);
  };
  const next = (n: Node) => checkedFilter(n, type, casts, vars);
  switch (filter.k) {
    case 'lit':
      return filter;
    case 'path':
      return { k: 'path', v: path(filter.v) };
    case 'cmp':
      return { ...filter, l: next(filter.l), r: next(filter.r) };
    case 'and':
    case 'or':
      return { k: filter.k, l: next(filter.l), r: next(filter.r) };
    case 'not':
      return { k: 'not', e: next(filter.e) };
    case 'in':
      return { k: 'in', l: next(filter.l), list: filter.list.map(next) };
    case 'fn':
      return { ...filter, args: filter.args.map(next) };
    case 'lambda': {
      const coll = path(filter.coll);
      const e = filter.e && filter.v !== null ? checkedFilter(filter.e, type, casts, new Set([...vars, filter.v])) : filter.e;
      return { ...filter, coll, e };
    }
  }
}
