/**
 * The journal's entry type: one op per change of the local tenant's store, replayed in order at
 * start (persistence.ts). Each part of the state (sub-stores.ts) names its own ops; this union
 * gathers them, apart from the records (types.ts) because the state modules use the records.
 */
import type { DirectoryOp } from './directory-state.ts';
import type { MetaOp } from './metadata-types.ts';
import type { SecOp } from './security-state.ts';
import type { ContentOp } from './site-content-state.ts';
import type { IaEntry } from './site-ia.ts';
import type { TeamsEntry } from './teams-state.ts';

/** One journal entry. Upserts carry full records, so replay is idempotent. */
export type Op = DirectoryOp | ContentOp | TeamsEntry | IaEntry | SecOp | MetaOp;
