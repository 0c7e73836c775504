/**
 * Expansion of a blueprint `site:` (written, or stamped from a template over a row) into its
 * `teamSite` or `commSite` resource: the checks both kinds share (BP304 URL, BP315 characters of
 * the URL and the title, BP316 lookalike letters, BP301 a URL taken by another site, BP312 a
 * property of the other site type), then the kind's own (src/kinds/team-site/expand.ts,
 * comm-site/expand.ts). The site's children (columns, content types, lists, team, the site-level
 * kinds, permissions) are the blueprint expander's to run after it.
 */
import { checkNameChars, warnMixedScript } from '../../blueprint-core/name-checks.ts';
import type { RowContext } from '../../blueprint-core/report.ts';
import { checkSiteUrl, checkTitle } from '../../blueprint-core/rules.ts';
import type { RawSite } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import { expandCommSite } from '../comm-site/expand.ts';
import { expandTeamSite, type SiteUrlOutcome, type TeamSiteExpandContext } from '../team-site/expand.ts';
import { siteAddress } from './model.ts';

/** What a site's expansion gets from the blueprint's expander. */
export type SiteExpandContext = TeamSiteExpandContext;

/**
 * How a site fared: its address, and whether its URL is `fresh` (valid, claimed here first: its
 * resource was pushed) or refused (`urlProblem`: its children are still checked, nothing of them
 * is emitted). Neither: a duplicate, whose children would only repeat the duplicate.
 */
export interface ExpandedSite extends SiteUrlOutcome {
  address: string;
}

/** A site written at `path` (a template's path for a stamped site, with its `row`). */
export function expandSite(x: SiteExpandContext, s: RawSite, path: Path, row?: RowContext): ExpandedSite {
  const address = siteAddress(s.url);
  const o = { address, ...(row ? { row } : {}) };
  const urlChars = checkNameChars(x.rep, 'site URL', s.url, [...path, 'url'], address, row);
  const urlProblem = urlChars ? checkSiteUrl(s.url) : 'refused';
  // An invalid URL is reported; the rest of the site is still checked (nothing is emitted, as there is an error).
  if (urlChars && urlProblem) x.rep.at('BP304', [...path, 'url'], urlProblem, o);
  if (!urlProblem) warnMixedScript(x.rep, 'site URL', s.url, [...path, 'url'], address, row, s.url.slice(s.url.lastIndexOf('/') + 1));
  if (typeof s.title === 'string') {
    const t = checkTitle('site title', s.title);
    if (t) x.rep.at('BP315', [...path, 'title'], t, { ...o, onePerPlace: true });
  }
  const notFor = (props: (keyof RawSite)[], type: string, other: string): void => {
    for (const p of props) {
      if (s[p] !== undefined) x.rep.at('BP312', [...path, p], `'${p}' is for ${other} sites; this is a ${type} site`, { ...o, atKey: true });
    }
  };
  const fresh = !urlProblem && x.claim(address, `site URL '${s.url}'`, path, row);
  if (s.type === 'team') {
    notFor(['lcid', 'owner'], 'team', 'communication');
    expandTeamSite(x, s, path, address, { fresh, ...(urlProblem ? { urlProblem } : {}) }, row);
  } else {
    notFor(['mailNickname', 'visibility', 'owners'], 'communication', 'team');
    expandCommSite(x, s, path, address, fresh, row);
  }
  return { address, fresh, ...(urlProblem ? { urlProblem } : {}) };
}
