/**
 * The names a blueprint claims (resource addresses, group mailNicknames). A second claim of one
 * name, compared as SharePoint compares names (NFC, case-insensitive), is a duplicate (BP301 or
 * BP302) naming both places. Among addresses, two that differ only by lookalike letters of
 * another script (a Cyrillic 'а' for a Latin 'a') are a warning (BP316) naming the first.
 *
 * Cost: one map lookup and one insert per name. Only names that are not their own skeleton
 * (they hold a lookalike letter) are kept a second time, by skeleton; a name that is its own
 * skeleton (every ASCII name) is found by its key in the first map. So 200,000 addresses of
 * 10,000 workspaces cost 200,000 inserts, not 400,000.
 */
import { nameKey, shown, skeleton } from '../blueprint-core/names.ts';
import type { Reporter, RowContext } from '../blueprint-core/report.ts';
import type { Path } from '../blueprint-core/source.ts';

/** Where something was declared: its path in the blueprint (and the row that stamped it). */
export interface Place {
  path: Path;
  row?: RowContext;
}

/** A claimed name's place and the name as written. */
interface Claimed extends Place {
  raw: string;
}

const NOT_ASCII = /[^\x00-\x7f]/;

export class Claims {
  private byKey = new Map<string, Claimed>();
  /** skeleton -> the first name with that skeleton, when that name is not its own skeleton */
  private bySkeleton = new Map<string, Claimed>();

  /**
   * `code`: the diagnostic of a duplicate; `lookalikes`: whether names that differ only by
   * lookalike letters are reported; `label`: a place as `file:line:col (in row ...)`.
   */
  constructor(
    private readonly rep: Reporter,
    private readonly code: 'BP301' | 'BP302',
    private readonly lookalikes: boolean,
    private readonly label: (p: Place) => string,
  ) {}

  /** Registers `key` (for `address`); reports a duplicate and returns false. */
  claim(key: string, what: string, path: Path, address: string, row?: RowContext): boolean {
    const k = nameKey(key);
    const other = this.byKey.get(k);
    if (other) {
      // the other place in the same row is named without the row, which the diagnostic names already
      const there = other.row && row && other.row.label === row.label ? { path: other.path } : other;
      this.rep.at(this.code, path, `duplicate ${what}: also declared at ${this.label(there)}`, { address, ...(row ? { row } : {}) });
      return false;
    }
    const here: Claimed = row ? { path, row, raw: key } : { path, raw: key };
    this.byKey.set(k, here);
    if (this.lookalikes) this.lookalike(k, here, what, path, address, row);
    return true;
  }

  /**
   * The first name claimed with this name's skeleton, when it is another name: the name that is
   * its own skeleton is in `byKey` under it, the others in `bySkeleton`. A name that is not its
   * own skeleton is kept only when it is the first with that skeleton.
   */
  private lookalike(k: string, here: Claimed, what: string, path: Path, address: string, row?: RowContext): void {
    const sk = NOT_ASCII.test(k) ? skeleton(here.raw) : k;
    let first: Claimed | undefined;
    if (sk === k) first = this.bySkeleton.get(k);
    else {
      first = this.bySkeleton.get(sk) ?? this.byKey.get(sk);
      if (!first) this.bySkeleton.set(sk, here);
    }
    if (!first) return;
    this.rep.at('BP316', path, `${what} looks like '${shown(first.raw)}' at ${this.label(first)}: the two differ only by lookalike letters of another script (e.g. a Cyrillic 'а' for a Latin 'a')`, {
      address,
      severity: 'warning',
      ...(row ? { row } : {}),
    });
  }
}
