/**
 * A site's `team:` -> the `team` resource (`site[…]/team`). `openTeam` checks that the site is a
 * team site (BP501), checks the team's owners and members (BP308, BP313) and claims the team's
 * address; the kinds' `team` hooks then run on what it opened, in registry order: the team
 * itself (`expandTeam`), its members (src/kinds/team-member/expand.ts), its channels
 * (src/kinds/channel/expand.ts, whose `channel` hooks expand the tabs).
 */
import type { RowContext } from '../../blueprint-core/report.ts';
import { checkUpn } from '../../blueprint-core/rules.ts';
import type { RawChannel, RawSite } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { AnyDesiredResource, PruneKind } from '../../model/resources.ts';
import type { KindExpandContext, KindExpansion, TeamExpansion, TeamScope } from '../kind-spec.ts';
import { TEAM_SETTINGS, teamAddress, type TeamProps } from './model.ts';

function nonEmpty(list: string[] | undefined): string[] {
  return (list ?? []).filter((u) => u.trim() !== '');
}

function uniqueCi(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((u) => !seen.has(u.toLowerCase()) && (seen.add(u.toLowerCase()), true));
}

/**
 * Opens a site's `team:` for the kinds' `team` hooks, or reports why it cannot be (and returns
 * undefined): not a team site (BP501), or its address is taken. `channel` runs the kinds'
 * `channel` hooks (the expander's).
 */
export function openTeam(
  x: KindExpandContext,
  s: RawSite,
  sitePath: Path,
  site: string,
  row: RowContext | undefined,
  channel: (ch: RawChannel, path: Path, address: string, t: TeamScope) => void,
): TeamScope | undefined {
  const team = s.team;
  if (!team) return undefined;
  const path = [...sitePath, 'team'];
  const address = teamAddress(site);
  if (s.type !== 'team') {
    x.rep.at('BP501', path, `a team needs a group-connected site (type: team); this is a ${s.type} site`, { address, ...(row ? { row } : {}), atKey: true });
    return undefined;
  }
  // Users: each UPN checked once; an owner listed again as member is simply an owner.
  const checkUsers = (list: string[] | undefined, p: Path, addr: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    (list ?? []).forEach((upn, j) => {
      if (upn.trim() === '') return; // an empty CSV cell
      const problem = checkUpn(upn);
      if (problem) x.rep.at('BP308', [...p, j], problem, { address: addr, ...(row ? { row } : {}) });
      else if (seen.has(upn.toLowerCase())) x.rep.at('BP313', [...p, j], `'${upn}' is listed twice`, { address: addr, severity: 'warning', ...(row ? { row } : {}) });
      else out.push(upn);
      seen.add(upn.toLowerCase());
    });
    return out;
  };
  const teamOwners = checkUsers(team.owners, [...path, 'owners'], address);
  const members = checkUsers(team.members, [...path, 'members'], address);
  const owners = uniqueCi([...nonEmpty(s.owners), ...teamOwners]);
  if (!x.claim(address, `team of ${site}`, path, row)) return undefined;
  const libraries = new Map<string, string | undefined>([['shared documents', undefined]]);
  for (const l of s.lists ?? []) if (l.template === 'documentLibrary') libraries.set(l.url.toLowerCase(), l.url);
  const t: TeamScope = {
    s,
    team,
    path,
    address,
    site,
    ...(row ? { row } : {}),
    owners,
    members,
    libraries,
    checkUsers,
    channel: (ch, p, a) => channel(ch, p, a, t),
  };
  return t;
}

/** The `team` resource of an opened team: its settings and the owners it is created with. */
export const expandTeam: TeamExpansion = (x, t) => {
  const props: TeamProps = { siteUrl: t.s.url, ...(t.owners.length ? { owners: [...t.owners] } : {}) };
  for (const name of TEAM_SETTINGS) if (t.team[name]) props[name] = t.team[name] as Record<string, boolean | string>;
  x.push({
    kind: 'team',
    address: t.address,
    parent: t.site,
    props,
    source: x.span(t.path),
    ...(t.team.prune ? { prune: t.team.prune as PruneKind[] } : {}),
  } as AnyDesiredResource);
};

/** The team kind's expansion for one blueprint load. */
export function teamExpansion(): KindExpansion {
  return { team: expandTeam };
}
