/**
 * Expansion of a `type: team` site's own part into a `teamSite` resource: its mailNickname
 * (BP307 invalid, BP314 warning when it is not the URL's last segment, BP302 taken by another
 * site), its owners (BP308 not a UPN, BP313 warning when listed twice). The checks both site
 * kinds share, and the site's children, are src/kinds/site/expand.ts's and the expander's.
 */
import type { RowContext } from '../../blueprint-core/report.ts';
import { checkMailNickname, checkUpn } from '../../blueprint-core/rules.ts';
import type { RawSite } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';

/** What a team site's expansion needs besides the kinds' context. */
export interface TeamSiteExpandContext extends KindExpandContext {
  /** Registers a group mailNickname for the site at `address`; reports a duplicate (BP302), false then. */
  claimNickname(nick: string, what: string, path: Path, address: string, row?: RowContext): boolean;
}

/** How the site's URL fared: `fresh` when it is valid and claimed here first, `urlProblem` when it is refused. */
export interface SiteUrlOutcome {
  fresh: boolean;
  urlProblem?: string;
}


/** A team site at `address` (its URL checked as `url` says): the `teamSite` resource when the site is fresh. */
export function expandTeamSite(x: TeamSiteExpandContext, s: RawSite, path: Path, address: string, url: SiteUrlOutcome, row?: RowContext): void {
  const o = { address, ...(row ? { row } : {}) };
  const nick = s.mailNickname ?? s.url.slice(s.url.lastIndexOf('/') + 1);
  const nickPath = s.mailNickname !== undefined ? [...path, 'mailNickname'] : [...path, 'url'];
  const nickProblem = url.urlProblem && s.mailNickname === undefined ? undefined : checkMailNickname(nick);
  if (nickProblem) {
    x.rep.at('BP307', nickPath, s.mailNickname === undefined ? `${nickProblem}; it is derived from the URL, set mailNickname to choose another` : nickProblem, o);
  } else if (url.fresh) {
    const seg = s.url.slice(s.url.lastIndexOf('/') + 1);
    if (s.mailNickname !== undefined && seg.toLowerCase() !== nick.toLowerCase()) {
      x.rep.at(
        'BP314',
        nickPath,
        `the URL ends in '${seg}' but mailNickname is '${nick}': Microsoft 365 names a group's site after its mailNickname (/sites/${nick}), so a new group's site would not get the URL ${s.url} (the plan shows such a site as not readable; an existing group is found by its mailNickname wherever its site is)`,
        // a template's rows differ in their values, not in the mistake: once, with the rows counted
        { ...o, severity: 'warning', problem: 'the URL and mailNickname differ' },
      );
    }
    x.claimNickname(nick, `group mailNickname '${nick}'`, nickPath, address, row);
  }
  checkOwners(x, s.owners ?? [], [...path, 'owners'], address, row);
  if (url.fresh) {
    x.push({
      kind: 'teamSite',
      address,
      props: definedProps({
        url: s.url,
        mailNickname: nick,
        title: s.title,
        description: s.description,
        visibility: s.visibility,
        owners: s.owners,
      }),
      source: x.span(path),
      ...(s.prune ? { prune: s.prune } : {}),
    });
  }
}

/** The group's owners: each a UPN (BP308), none twice (BP313 warning). */
function checkOwners(x: KindExpandContext, owners: string[], path: Path, address: string, row?: RowContext): void {
  const seen = new Set<string>();
  owners.forEach((upn, j) => {
    const p = checkUpn(upn);
    if (p) x.rep.at('BP308', [...path, j], p, { address, ...(row ? { row } : {}) });
    if (seen.has(upn.toLowerCase())) {
      x.rep.at('BP313', [...path, j], `owner '${upn}' is listed twice`, { address, severity: 'warning', ...(row ? { row } : {}) });
    }
    seen.add(upn.toLowerCase());
  });
}
