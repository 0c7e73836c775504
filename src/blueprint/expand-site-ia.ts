/**
 * Runs the expansions of the kinds that live in src/kinds/ (their specs in src/kinds/pure.ts):
 * at the top (the term store, shared columns and content types), per site right after the site (`columns:`,
 * `contentTypes:`), per list right after the list (`columns:`, `contentTypes:`) and after it
 * (`views:`), per site after it (`navigation:`, `hub:`, `hubSite:`, `settings:`; then the kind
 * groups': `permissions:` and `sharing:`), per team (the team, its members, its channels) and per
 * channel (its tabs), and their checks
 * across sites in `finish()`, once every site is known. One instance per blueprint load.
 */
import type { KindExpandContext } from '../kinds/kind-spec.ts';
import { kindExpansions } from '../kinds/pure.ts';
import { openTeam } from '../kinds/team/expand.ts';
import type { RowContext } from '../blueprint-core/report.ts';
import type { RawBlueprint, RawList, RawSite } from '../blueprint-core/schema-types.generated.ts';
import type { Path } from '../blueprint-core/source.ts';

/** What the expander hands every kind's expansion. */
export type SiteIaExpandContext = KindExpandContext;

export class SiteIaExpander {
  private readonly kinds = kindExpansions();

  constructor(private readonly x: SiteIaExpandContext) {}

  /** What kinds expand from the top of the blueprint (the term store, shared columns, shared content types), before any site. */
  top(raw: RawBlueprint): void {
    for (const k of this.kinds) k.top?.(this.x, raw);
  }

  /** What kinds expand from a site right after the site itself, before its lists (`columns:`, `contentTypes:`). */
  siteStart(s: RawSite, path: Path, site: string, row?: RowContext): void {
    for (const k of this.kinds) k.siteStart?.(this.x, s, path, site, row);
  }

  /** What kinds expand from a list right after the list itself (`columns:`, `contentTypes:`). */
  listStart(l: RawList, listPath: Path, list: string, site: string, row?: RowContext): void {
    for (const k of this.kinds) k.listStart?.(this.x, l, listPath, list, site, row);
  }

  /** What kinds still check in a list that is not emitted (its URL is refused): its `columns:`. */
  refusedList(l: RawList, listPath: Path, list: string, site: string, row?: RowContext): void {
    for (const k of this.kinds) k.refusedList?.(this.x, l, listPath, list, site, row);
  }

  /** What kinds expand from a list (`views:`), after the list, its columns and content types were expanded. */
  views(l: RawList, listPath: Path, list: string, site: string, row?: RowContext): void {
    for (const k of this.kinds) k.list?.(this.x, l, listPath, list, site, row);
  }

  /**
   * What kinds expand from a site's `team:` (after its lists, before the site's own hooks): the
   * team kind opens it (`openTeam`), then every kind's `team` hook runs in registry order, and a
   * channel's kind calls every kind's `channel` hook right after each channel.
   */
  team(s: RawSite, path: Path, site: string, row?: RowContext): void {
    const t = openTeam(this.x, s, path, site, row, (ch, p, address, scope) => {
      for (const k of this.kinds) k.channel?.(this.x, ch, p, address, scope);
    });
    if (!t) return;
    for (const k of this.kinds) k.team?.(this.x, t);
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
