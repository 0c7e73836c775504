/**
 * Expansion and checks of a site's `team:` key into the Teams resources: the team
 * (`site[…]/team`), one teamMember per owner and member (`…/team/member[upn]`), channels
 * (`…/team/channel[name]`) and tabs (`…/channel[X]/tab[name]`).
 */
import { channelAddress, tabAddress, teamAddress, teamMemberAddress } from '../model/address.ts';
import type { AnyDesiredResource, ChannelProps, PruneKind, SourceSpan, TabProps, TeamProps } from '../model/resources.ts';
import type { Reporter, RowContext } from './report.ts';
import { nameCharProblem, shown } from './names.ts';
import { checkUpn } from './rules.ts';
import type { RawChannel, RawSite, RawTab } from './schema-types.generated.ts';
import type { Path } from './source.ts';

export interface TeamExpandContext {
  rep: Reporter;
  span(path: Path): SourceSpan;
  /** Registers an address (reports a duplicate); false when it is taken. */
  claim(address: string, what: string, path: Path): boolean;
  push(resource: AnyDesiredResource): void;
}

const SETTINGS = ['memberSettings', 'guestSettings', 'messagingSettings', 'funSettings'] as const;
/** Characters Teams does not allow in a channel name. */
const BAD_CHANNEL_CHARS = /[~#%&*{}+/\\:<>?|'"]/;

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function nonEmpty(list: string[] | undefined): string[] {
  return (list ?? []).filter((u) => u.trim() !== '');
}

function uniqueCi(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((u) => !seen.has(u.toLowerCase()) && (seen.add(u.toLowerCase()), true));
}

export function expandTeam(x: TeamExpandContext, s: RawSite, sitePath: Path, site: string, row?: RowContext): void {
  const team = s.team;
  if (!team) return;
  const path = [...sitePath, 'team'];
  const address = teamAddress(site);
  const o = (extra: Record<string, unknown> = {}) => ({ address, ...(row ? { row } : {}), ...extra });
  if (s.type !== 'team') {
    x.rep.at('BP501', path, `a team needs a group-connected site (type: team); this is a ${s.type} site`, o({ atKey: true }));
    return;
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
  const teamMembers = checkUsers(team.members, [...path, 'members'], address);
  const owners = uniqueCi([...nonEmpty(s.owners), ...teamOwners]);
  if (!x.claim(address, `team of ${site}`, path)) return;
  const props: TeamProps = { siteUrl: s.url, ...(owners.length ? { owners } : {}) };
  for (const name of SETTINGS) if (team[name]) props[name] = team[name] as Record<string, boolean | string>;
  x.push({
    kind: 'team',
    address,
    parent: site,
    props,
    source: x.span(path),
    ...(team.prune ? { prune: team.prune as PruneKind[] } : {}),
  } as AnyDesiredResource);

  // Members: owners first (the site's owners are the group's owners, so the team's too).
  const ownerSet = new Set(owners.map((u) => u.toLowerCase()));
  const members: { upn: string; role: 'owner' | 'member'; path: Path }[] = [
    ...owners.map((upn) => ({ upn, role: 'owner' as const, path: [...path, 'owners'] })),
    ...teamMembers.filter((u) => !ownerSet.has(u.toLowerCase())).map((upn) => ({ upn, role: 'member' as const, path: [...path, 'members'] })),
  ];
  for (const m of members) {
    const a = teamMemberAddress(address, m.upn);
    if (!x.claim(a, `team member '${m.upn}'`, m.path)) continue;
    x.push({ kind: 'teamMember', address: a, parent: address, props: { upn: m.upn, role: m.role }, source: x.span(m.path) });
  }

  const libraries = new Set((s.lists ?? []).filter((l) => l.template === 'documentLibrary').map((l) => l.url.toLowerCase()));
  libraries.add('shared documents');
  (team.channels ?? []).forEach((ch, i) => channel(x, ch, [...path, 'channels', i], address, libraries, checkUsers, row));
}

function checkName(name: string, what: string, max: number): string | undefined {
  if (name.trim() !== name) return `${what} name '${name}' has leading or trailing spaces`;
  if (name.length > max) return `${what} name '${name}' is longer than ${max} characters`;
  if (what === 'channel') {
    if (BAD_CHANNEL_CHARS.test(name)) return `channel name '${name}' contains a character Teams does not allow (~ # % & * { } + / \\ : < > ? | ' ")`;
    if (/^[_.]/.test(name) || name.endsWith('.')) return `channel name '${name}' cannot start with _ or . nor end with .`;
  }
  return undefined;
}

function channel(
  x: TeamExpandContext,
  ch: RawChannel,
  path: Path,
  team: string,
  libraries: Set<string>,
  checkUsers: (list: string[] | undefined, p: Path, addr: string) => string[],
  row?: RowContext,
): void {
  const address = channelAddress(team, ch.name);
  const o = { address, ...(row ? { row } : {}) };
  const chars = nameCharProblem(`channel name '${shown(ch.name)}'`, ch.name);
  if (chars) {
    x.rep.at('BP315', [...path, 'name'], chars, { ...o, onePerPlace: true });
    return;
  }
  const nameProblem = checkName(ch.name, 'channel', 50);
  if (nameProblem) {
    x.rep.at('BP502', [...path, 'name'], nameProblem, o);
    return;
  }
  const type = ch.membershipType as ChannelProps['membershipType'] | undefined;
  const general = ch.name.toLowerCase() === 'general';
  let ok = true;
  if (general && type !== undefined && type !== 'standard') {
    x.rep.at('BP505', [...path, 'membershipType'], `the General channel is always standard; it cannot be ${type}`, o);
    ok = false;
  }
  const owners = checkUsers(ch.owners, [...path, 'owners'], address);
  const members = checkUsers(ch.members, [...path, 'members'], address);
  if (type === 'private' || type === 'shared') {
    if (owners.length === 0) {
      x.rep.at('BP503', path, `a ${type} channel needs at least one owner (owners: [upn]): Graph creates it with its first owner`, o);
      ok = false;
    }
  } else if (ch.owners !== undefined || ch.members !== undefined) {
    x.rep.at('BP504', [...path, ch.owners !== undefined ? 'owners' : 'members'], 'a standard channel has the members of its team; owners and members are for private and shared channels', { ...o, atKey: true });
    ok = false;
  }
  if (!ok || !x.claim(address, `channel '${ch.name}'`, path)) return;
  const props: ChannelProps = defined({
    displayName: ch.name,
    description: ch.description,
    membershipType: type,
    owners: owners.length ? owners : undefined,
    members: members.length ? members : undefined,
  });
  x.push({ kind: 'channel', address, parent: team, props, source: x.span(path), ...(ch.prune ? { prune: ch.prune as PruneKind[] } : {}) } as AnyDesiredResource);
  (ch.tabs ?? []).forEach((t, j) => tab(x, t, [...path, 'tabs', j], address, libraries, row));
}

function tab(x: TeamExpandContext, t: RawTab, path: Path, channel: string, libraries: Set<string>, row?: RowContext): void {
  const address = tabAddress(channel, t.name);
  const o = { address, ...(row ? { row } : {}) };
  const chars = nameCharProblem(`tab name '${shown(t.name)}'`, t.name);
  if (chars) {
    x.rep.at('BP315', [...path, 'name'], chars, { ...o, onePerPlace: true });
    return;
  }
  const nameProblem = checkName(t.name, 'tab', 128);
  if (nameProblem) {
    x.rep.at('BP502', [...path, 'name'], nameProblem, o);
    return;
  }
  if ((t.website === undefined) === (t.library === undefined)) {
    x.rep.at('BP506', path, 'a tab is either a website (website: https://…) or a document library (library: <URL segment>), exactly one of them', o);
    return;
  }
  let props: TabProps;
  if (t.website !== undefined) {
    for (const [k, v] of [['website', t.website], ['websiteUrl', t.websiteUrl]] as const) {
      if (v !== undefined && !/^https:\/\/[^\s/]+\.[^\s]*$/i.test(v)) {
        x.rep.at('BP506', [...path, k], `'${v}' is not an https:// address`, o);
        return;
      }
    }
    props = defined({ displayName: t.name, app: 'website' as const, contentUrl: t.website, websiteUrl: t.websiteUrl });
  } else {
    if (t.websiteUrl !== undefined) {
      x.rep.at('BP506', [...path, 'websiteUrl'], 'websiteUrl is for website tabs; a library tab opens the library', { ...o, atKey: true });
      return;
    }
    const lib = t.library!.replace(/^\/+|\/+$/g, '');
    if (!libraries.has(lib.toLowerCase())) {
      x.rep.at('BP507', [...path, 'library'], `library '${lib}' is not a document library declared on this site (nor Shared Documents)`, { ...o, severity: 'warning' });
    }
    props = { displayName: t.name, app: 'library', contentUrl: lib };
  }
  if (!x.claim(address, `tab '${t.name}'`, path)) return;
  x.push({ kind: 'tab', address, parent: channel, props, source: x.span(path) });
}
