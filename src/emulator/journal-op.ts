/**
 * The journal's entry type: one op per change of the local tenant's store, replayed in order at
 * start (persistence.ts). Kept apart from the records (types.ts) because it names the ops of
 * every state module, and those modules use the records.
 */
import type { MetaOp } from './metadata-types.ts';
import type { SecOp } from './security-state.ts';
import type { IaOp } from './site-ia.ts';
import type { TeamsOp } from './teams-state.ts';
import type { FieldRec, GroupRec, ItemRec, ListRec, SiteRec, TeamRec, UserRec } from './types.ts';

/** One journal entry. Upserts carry full records, so replay is idempotent. */
export type Op =
  | MetaOp
  | { k: 'user'; v: UserRec }
  | { k: 'group'; v: GroupRec }
  | { k: 'site'; v: SiteRec }
  | { k: 'list'; v: ListRec }
  | { k: 'field'; v: FieldRec }
  | { k: 'delField'; scope: string; id: string }
  | { k: 'delList'; id: string }
  | { k: 'item'; v: ItemRec }
  | { k: 'delItem'; listId: string; id: number }
  | { k: 'delGroup'; id: string }
  | { k: 'team'; v: TeamRec }
  | { k: 'delTeam'; id: string }
  | { k: 'teamsx'; op: TeamsOp }
  | { k: 'delSite'; id: string }
  | { k: 'ia'; op: IaOp }
  | SecOp;
