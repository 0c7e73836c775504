/**
 * Runs the expansions of the kinds that live in src/kinds/ (their specs in src/kinds/pure.ts):
 * the top level first (`termStore:`), their checks of the columns that name them (a taxonomy
 * column's term set), per list (`views:`), per site (`navigation:`, `hub:`, `hubSite:`,
 * `settings:`), and their checks across sites in `finish()`, once every site is known. One
 * instance per blueprint load; every hook runs in registry order.
 */
import type { Address } from '../model/address.ts';
import type { ColumnProps } from '../model/resources.ts';
import type { KindExpandContext } from '../kinds/kind-spec.ts';
import { kindExpansions } from '../kinds/pure.ts';
import type { RowContext } from './report.ts';
import type { RawBlueprint, RawColumn, RawList, RawSite } from './schema-types.generated.ts';
import type { Path } from './source.ts';

/** What the expander hands every kind's expansion. */
export type SiteIaExpandContext = KindExpandContext;

export class SiteIaExpander {
  private readonly kinds = kindExpansions();

  constructor(private readonly x: SiteIaExpandContext) {}

  /** What kinds expand from the blueprint's top level (the term store), first of all: taxonomy columns name its sets. */
  top(raw: RawBlueprint): void {
    for (const k of this.kinds) k.top?.(this.x, raw);
  }

  /** The kinds' checks of what a column names of them; false when one found the column unusable (every check runs). */
  column(def: RawColumn, path: Path, row?: RowContext, address?: string): boolean {
    let ok = true;
    for (const k of this.kinds) if (k.column && !k.column(this.x, def, path, row, address)) ok = false;
    return ok;
  }

  /** The declared resources a column must wait for (a taxonomy column's term set). */
  columnAfter(props: ColumnProps): { after?: Address[] } {
    const after = this.kinds.flatMap((k) => k.columnAfter?.(this.x, props) ?? []);
    return after.length ? { after } : {};
  }

  /** What kinds expand from a list (`views:`), after the list, its columns and content types were expanded. */
  views(l: RawList, listPath: Path, list: string, site: string, row?: RowContext): void {
    for (const k of this.kinds) k.list?.(this.x, l, listPath, list, site, row);
  }

  /** What kinds expand from a site, after its lists and team were expanded. */
  site(s: RawSite, path: Path, site: string, row?: RowContext): void {
    for (const k of this.kinds) k.site?.(this.x, s, path, site, row);
  }

  /** Checks across sites, once every site is expanded. */
  finish(): void {
    for (const k of this.kinds) k.finish?.(this.x);
  }
}
