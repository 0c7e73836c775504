/**
 * A team's `channels:` -> one `channel` per channel (`…/team/channel[name]`), with BP315 and
 * BP502-BP505 checks; right after each channel, the kinds' `channel` hooks (its tabs). A private
 * channel comes after the team memberships of its owners and members.
 */
import { nameCharProblem } from '../../blueprint-core/names.ts';
import type { RawChannel } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { AnyDesiredResource, PruneKind } from '../../model/resources.ts';
import type { KindExpandContext, TeamExpansion, TeamScope } from '../kind-spec.ts';
import { channelAddress, GENERAL_CHANNEL, type ChannelProps } from './model.ts';
import { teamMemberAddress } from '../team-member/model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';
import { sharedProps } from '../../blueprint-core/shared-props.ts';

/** Characters Teams does not allow in a channel name. */
const BAD_CHANNEL_CHARS = /[~#%&*{}+/\\:<>?|'"]/;


function checkName(name: string): string | undefined {
  if (name.trim() !== name) return `channel name '${name}' has leading or trailing spaces`;
  if (name.length > 50) return `channel name '${name}' is longer than 50 characters`;
  if (BAD_CHANNEL_CHARS.test(name)) return `channel name '${name}' contains a character Teams does not allow (~ # % & * { } + / \\ : < > ? | ' ")`;
  if (/^[_.]/.test(name) || name.endsWith('.')) return `channel name '${name}' cannot start with _ or . nor end with .`;
  return undefined;
}

/** Props of a channel without owners or members, per frozen template part (shared-props.ts). */
const CHANNEL_PROPS = new WeakMap<object, ChannelProps>();

/** A team's declared people (its owners and members, lower case), once a team for all its private channels. */
const ROSTERS = new WeakMap<TeamScope, ReadonlySet<string>>();
function rosterOf(t: TeamScope): ReadonlySet<string> {
  let roster = ROSTERS.get(t);
  if (!roster) ROSTERS.set(t, (roster = new Set([...t.owners, ...t.members].map((u) => u.toLowerCase()))));
  return roster;
}

/**
 * The team memberships a private channel's people need first: Graph refuses a private channel's
 * owner or member who is not in its team, so the channel waits for those the blueprint declares.
 */
function inTeam(t: TeamScope, upns: readonly string[]): string[] {
  const roster = rosterOf(t);
  return upns.filter((u) => roster.has(u.toLowerCase())).map((u) => teamMemberAddress(t.address, u));
}

/**
 * BP510 (a warning): a private channel's owners and members must be in its team, or Graph
 * refuses them when the channel is created or its roster changed. Someone the blueprint does not
 * put in the team may be in its group already (memberships are pruned only with `prune:`), so
 * this cannot be an error; it names the place before an apply meets the refusal.
 */
function outsideTeam(x: KindExpandContext, t: TeamScope, path: Path, ch: RawChannel, checked: readonly string[], o: { address: string; row?: TeamScope['row'] }): void {
  const roster = rosterOf(t);
  const sound = new Set(checked.map((u) => u.toLowerCase()));
  for (const field of ['owners', 'members'] as const) {
    (ch[field] ?? []).forEach((upn, i) => {
      // the sound UPNs only (an empty cell of a row is no one; a bad UPN has its own diagnostic)
      if (typeof upn !== 'string' || !sound.has(upn.toLowerCase()) || roster.has(upn.toLowerCase())) return;
      x.rep.at('BP510', [...path, field, i], `${upn} is not declared in the team: the owners and members of a private channel must be members of its team (Graph refuses others), so this holds only if they are in its group already; add them to the members: of the team`, {
        ...o,
        severity: 'warning',
      });
    });
  }
}

export const expandChannels: TeamExpansion = (x, t) => {
  (t.team.channels ?? []).forEach((ch, i) => channel(x, ch, [...t.path, 'channels', i], t));
};

function channel(x: KindExpandContext, ch: RawChannel, path: Path, t: TeamScope): void {
  const row = t.row;
  const address = channelAddress(t.address, ch.name);
  const o = { address, ...(row ? { row } : {}) };
  const chars = nameCharProblem('channel name', ch.name);
  if (chars) {
    x.rep.at('BP315', [...path, 'name'], chars, { ...o, onePerPlace: true });
    return;
  }
  const nameProblem = checkName(ch.name);
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
  const owners = t.checkUsers(ch.owners, [...path, 'owners'], address);
  const members = t.checkUsers(ch.members, [...path, 'members'], address);
  if (type === 'private' || type === 'shared') {
    if (owners.length === 0) {
      x.rep.at('BP503', path, `a ${type} channel needs at least one owner (owners: [upn]): Graph creates it with its first owner`, o);
      ok = false;
    }
  } else if (ch.owners !== undefined || ch.members !== undefined) {
    x.rep.at('BP504', [...path, ch.owners !== undefined ? 'owners' : 'members'], 'a standard channel has the members of its team; owners and members are for private and shared channels', { ...o, atKey: true });
    ok = false;
  }
  if (type === 'private') outsideTeam(x, t, path, ch, [...owners, ...members], o);
  if (!ok || !x.claim(address, `channel '${ch.name}'`, path, row)) return;
  const build = (): ChannelProps =>
    definedProps({
      // General is named so on every team: `general` in a blueprint is that one, never a rename
      displayName: general ? GENERAL_CHANNEL : ch.name,
      description: ch.description,
      membershipType: type,
      owners: owners.length ? owners : undefined,
      members: members.length ? members : undefined,
    });
  // without owners and members (checked per team), the props follow from the channel alone
  const props = owners.length || members.length ? build() : sharedProps(CHANNEL_PROPS, ch, build);
  const after = type === 'private' ? inTeam(t, [...owners, ...members]) : [];
  x.push({ kind: 'channel', address, parent: t.address, props, source: x.span(path), ...(after.length ? { after } : {}), ...(ch.prune ? { prune: ch.prune as PruneKind[] } : {}) } as AnyDesiredResource);
  t.channel(ch, path, address);
}
