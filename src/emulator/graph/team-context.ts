/**
 * What the routes of a team's content (channels.ts, channel-tabs.ts) work with: the request's
 * team context and its JSON body.
 */
import { isObj, parseJsonBody, type Req } from '../http.ts';
import type { GroupRec, TeamRec } from '../types.ts';
import type { Store } from '../store.ts';
import { GraphError } from './errors.ts';

/** A request on a team's content: the store, the tenant, the request, the team and its group. */
export interface TeamCtx {
  store: Store;
  tenantId: string;
  req: Req;
  team: TeamRec;
  group: GroupRec;
}

/** The request's JSON object body; 400 as Graph answers without one. */
export function body(req: Req): Record<string, unknown> {
  const b = parseJsonBody(req);
  if (!isObj(b)) throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  return b;
}
