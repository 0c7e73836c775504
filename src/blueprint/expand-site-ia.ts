/**
 * Runs the expansions of the kinds that live in src/kinds/ (their specs in src/kinds/pure.ts):
 * per list (`views:`), per site (`navigation:`, `hub:`, `hubSite:`, `settings:`), per team (the
 * team, its members, its channels) and per channel (its tabs), and their checks across sites in
 * `finish()`, once every site is known. One instance per blueprint load.
 */
import type { KindExpandContext } from '../kinds/kind-spec.ts';
import { kindExpansions } from '../kinds/pure.ts';
import { openTeam } from '../kinds/team/expand.ts';
import type { RowContext } from './report.ts';
import type { RawList, RawSite } from './schema-types.generated.ts';
import type { Path } from './source.ts';

/** What the expander hands every kind's expansion. */
export type SiteIaExpandContext = KindExpandContext;

export class SiteIaExpander {
  private readonly kinds = kindExpansions();

  constructor(private readonly x: SiteIaExpandContext) {}

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
