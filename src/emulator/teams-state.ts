/**
 * Channels and tabs of the local tenant's teams (the team record itself is `TeamRec` in the
 * store; team members are the group's owners and members). Every mutation is a `TeamsOp`,
 * journaled by the store as `{ k: 'teamsx', op }`, so that replay rebuilds the same state.
 *
 * The General channel is not stored until it is changed: every team has it, with the team's
 * thread id (`TeamRec.internalId`) as its id, as in the real service.
 */
import { GroupedRecords } from './grouped-records.ts';
import type { Gone, SubStore } from './sub-store.ts';

export interface ChannelRec {
  id: string;
  teamId: string;
  displayName: string;
  description: string | null;
  membershipType: 'standard' | 'private' | 'shared';
  createdDateTime: string;
  /** private and shared channels: their own members (user ids) and owners (a subset) */
  members: string[];
  owners: string[];
  /** private and shared channels: the channel's own SharePoint site (site collection id) */
  siteId: string | null;
  /** the General channel (never deleted) */
  general?: boolean;
}

export interface TabRec {
  id: string;
  teamId: string;
  channelId: string;
  displayName: string;
  teamsAppId: string;
  configuration: { entityId: string | null; contentUrl: string | null; websiteUrl: string | null; removeUrl: string | null };
}

export type TeamsOp =
  | { t: 'channel'; v: ChannelRec }
  /**
   * `heldUntil` (ISO, absent in logs written before it): Teams keeps a deleted channel
   * restorable, and its name taken in the team, for 30 days.
   */
  | { t: 'delChannel'; id: string; heldUntil?: string }
  /** A deleted channel's name still held (a snapshot's form of the above). */
  | { t: 'heldName'; teamId: string; name: string; until: string }
  | { t: 'tab'; v: TabRec }
  | { t: 'delTab'; id: string };

/** The journal entry of a `TeamsOp`. */
export type TeamsEntry = { k: 'teamsx'; op: TeamsOp };

export class TeamsState implements SubStore<TeamsEntry> {
  readonly name = 'teams content';
  readonly opKinds = ['teamsx'] as const;
  /** Channels by team and tabs by channel: a read of one team's channels does not scan the tenant's (issue 12: 10,000 teams). */
  private readonly channelRecs = new GroupedRecords<ChannelRec>((c) => c.teamId);
  private readonly tabRecs = new GroupedRecords<TabRec>((t) => t.channelId);
  /** Names of deleted channels by team (lower case), and until when they are held (ISO). */
  private readonly held = new Map<string, Map<string, string>>();

  get channels(): ReadonlyMap<string, ChannelRec> {
    return this.channelRecs.all;
  }

  get tabs(): ReadonlyMap<string, TabRec> {
    return this.tabRecs.all;
  }

  apply({ op }: TeamsEntry): void {
    switch (op.t) {
      case 'channel':
        this.channelRecs.put(op.v);
        return;
      case 'delChannel': {
        const ch = this.channelRecs.all.get(op.id);
        if (ch && op.heldUntil) this.hold(ch.teamId, ch.displayName, op.heldUntil);
        this.deleteChannel(op.id);
        return;
      }
      case 'heldName':
        this.hold(op.teamId, op.name, op.until);
        return;
      case 'tab':
        this.tabRecs.put(op.v);
        return;
      case 'delTab':
        this.tabRecs.delete(op.id);
        return;
    }
  }

  private hold(teamId: string, name: string, until: string): void {
    let names = this.held.get(teamId);
    if (!names) this.held.set(teamId, (names = new Map()));
    names.set(name.toLowerCase(), until);
  }

  /** Whether a channel deleted from the team within its hold still holds `name` at `nowIso`. */
  nameHeld(teamId: string, name: string, nowIso: string): boolean {
    const until = this.held.get(teamId)?.get(name.toLowerCase());
    return until !== undefined && until > nowIso;
  }

  /** A channel and its tabs. */
  private deleteChannel(id: string): void {
    this.channelRecs.delete(id);
    for (const tab of this.tabRecs.of(id)) this.tabRecs.delete(tab.id);
  }

  *snapshotOps(): Generator<TeamsEntry> {
    for (const v of this.channels.values()) yield { k: 'teamsx', op: { t: 'channel', v } };
    for (const v of this.tabs.values()) yield { k: 'teamsx', op: { t: 'tab', v } };
    for (const [teamId, names] of this.held) for (const [name, until] of names) yield { k: 'teamsx', op: { t: 'heldName', teamId, name, until } };
  }

  /** A purged group's or a deleted team's channels and tabs (its channels' sites are purged by the store before). */
  drop(gone: Gone): void {
    if (!gone.any.teams) return;
    for (const [id, ch] of this.channels) if (gone.team(ch.teamId)) this.deleteChannel(id);
    for (const [id, tab] of this.tabs) if (gone.team(tab.teamId)) this.tabRecs.delete(id);
    for (const teamId of [...this.held.keys()]) if (gone.team(teamId)) this.held.delete(teamId);
  }

  /** A team's stored channels, in the order they were stored. */
  channelsOf(teamId: string): ChannelRec[] {
    return this.channelRecs.of(teamId);
  }

  /** A channel's tabs, in the order they were stored. */
  tabsOf(channelId: string): TabRec[] {
    return this.tabRecs.of(channelId);
  }
}
