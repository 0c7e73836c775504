/**
 * Every part of the local tenant's state, listed in one place (`tenantSubStores`), and the one
 * path by which an op reaches them (`SubStores`): the op goes to the part that owns its kind; a
 * delete op first has its owner name what it removes, and after it is applied every part drops
 * what it keeps for that (the delete cascade), at commit and on replay alike. After a state
 * folder is loaded, every part drops what it keeps for owners that do not exist (the sweep of
 * orphans an older version left). The snapshot is the parts' snapshots in the listed order.
 *
 * Adding a part: its module implements `SubStore` (sub-store.ts) with its own op type, the op type
 * joins `Op` (journal-op.ts) and `OwnedKind` below, the part gets a field in `Store` and a line in
 * `TenantParts` and `tenantSubStores`; the compiler refuses an op kind of `Op` that no part owns.
 */
import type { DirectoryOp, DirectoryState } from './directory-state.ts';
import type { Op } from './journal-op.ts';
import type { MetadataStore } from './metadata-store.ts';
import type { MetaOp } from './metadata-types.ts';
import type { SecOp, SecurityState } from './security-state.ts';
import type { SiteContentState, ContentOp } from './site-content-state.ts';
import type { IaEntry, SiteIaState } from './site-ia.ts';
import type { Gone, SubStore } from './sub-store.ts';
import type { TeamsEntry, TeamsState } from './teams-state.ts';

/** The parts of the tenant's state, by the name `Store` gives them. */
export interface TenantParts {
  /** users, groups, teams */
  readonly directory: DirectoryState;
  /** sites, lists, fields, items */
  readonly content: SiteContentState;
  /** channels and tabs of teams */
  readonly teamsx: TeamsState;
  /** views, navigation, hubs, web settings, themes */
  readonly ia: SiteIaState;
  /** SharePoint groups, site users, permission levels, role assignments, sharing */
  readonly sec: SecurityState;
  /** content types and the term store */
  readonly meta: MetadataStore;
}

type AnySubStore = SubStore<Op>;

/** Every sub-store, in snapshot order (a part's records may refer to those of the parts before it). */
export function tenantSubStores(p: TenantParts): readonly AnySubStore[] {
  return [part(p.directory), part(p.content), part(p.teamsx), part(p.ia), part(p.sec), part(p.meta)];
}

/** A part as the dispatch sees it: `SubStores` hands it only ops of its own kinds. */
function part<O extends Op>(s: SubStore<O>): AnySubStore {
  return s as unknown as AnySubStore;
}

/** Compile-time: every op kind is owned by a part above (this fails to compile otherwise). */
type OwnedKind = DirectoryOp['k'] | ContentOp['k'] | TeamsEntry['k'] | IaEntry['k'] | SecOp['k'] | MetaOp['k'];
const everyOpKindOwned: [Exclude<Op['k'], OwnedKind>] extends [never] ? true : never = true;
void everyOpKindOwned;

/** The dispatch of ops to the parts, with the delete cascade. */
export class SubStores {
  private readonly owners = new Map<string, AnySubStore>();

  constructor(readonly parts: readonly AnySubStore[]) {
    for (const part of parts) {
      for (const k of part.opKinds) {
        const other = this.owners.get(k);
        if (other) throw new Error(`op kind '${k}' is owned by both ${other.name} and ${part.name}`);
        this.owners.set(k, part);
      }
    }
  }

  /** Apply an op without journaling: its owner applies it, then every part drops what a delete took away. */
  apply(op: Op): void {
    const owner = this.owners.get(op.k);
    if (!owner) throw new Error(`unknown operation '${String(op.k)}'`);
    const gone = owner.goneWith?.(op);
    owner.apply(op);
    if (gone) this.drop(gone);
  }

  /** Every part drops what it keeps for gone owners (a delete's cascade, or the sweep after a load). */
  drop(gone: Gone): void {
    for (const part of this.parts) part.drop(gone);
  }

  *snapshotOps(): Generator<Op> {
    for (const part of this.parts) yield* part.snapshotOps();
  }
}
