/**
 * Channels and tabs of the local tenant's teams (the team record itself is `TeamRec` in the
 * store; team members are the group's owners and members). Every mutation is a `TeamsOp`,
 * journaled by the store as `{ k: 'teamsx', op }`, so that replay rebuilds the same state.
 *
 * The General channel is not stored until it is changed: every team has it, with the team's
 * thread id (`TeamRec.internalId`) as its id, as in the real service.
 */
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
  | { t: 'delChannel'; id: string }
  | { t: 'tab'; v: TabRec }
  | { t: 'delTab'; id: string };

/** The journal entry of a `TeamsOp`. */
export type TeamsEntry = { k: 'teamsx'; op: TeamsOp };

export class TeamsState implements SubStore<TeamsEntry> {
  readonly name = 'teams content';
  readonly opKinds = ['teamsx'] as const;
  /** Read only outside this class: every change goes through `apply`, which keeps the indexes below. */
  readonly channels: ReadonlyMap<string, ChannelRec> = new Map<string, ChannelRec>();
  readonly tabs: ReadonlyMap<string, TabRec> = new Map<string, TabRec>();
  /** Channel ids by team and tab ids by channel, in the order they were stored: a read of one team's channels does not scan the tenant's (issue 12: 10,000 teams). */
  private readonly channelIdsByTeam = new Map<string, Set<string>>();
  private readonly tabIdsByChannel = new Map<string, Set<string>>();

  apply({ op }: TeamsEntry): void {
    switch (op.t) {
      case 'channel':
        this.putChannel(op.v);
        return;
      case 'delChannel':
        this.deleteChannel(op.id);
        return;
      case 'tab':
        this.putTab(op.v);
        return;
      case 'delTab':
        this.deleteTab(op.id);
        return;
    }
  }

  private putChannel(v: ChannelRec): void {
    const old = this.channels.get(v.id);
    if (old && old.teamId !== v.teamId) removeFrom(this.channelIdsByTeam, old.teamId, v.id);
    (this.channels as Map<string, ChannelRec>).set(v.id, v);
    addTo(this.channelIdsByTeam, v.teamId, v.id);
  }

  private deleteChannel(id: string): void {
    const old = this.channels.get(id);
    if (!old) return;
    (this.channels as Map<string, ChannelRec>).delete(id);
    removeFrom(this.channelIdsByTeam, old.teamId, id);
    for (const tabId of [...(this.tabIdsByChannel.get(id) ?? [])]) this.deleteTab(tabId);
  }

  private putTab(v: TabRec): void {
    const old = this.tabs.get(v.id);
    if (old && old.channelId !== v.channelId) removeFrom(this.tabIdsByChannel, old.channelId, v.id);
    (this.tabs as Map<string, TabRec>).set(v.id, v);
    addTo(this.tabIdsByChannel, v.channelId, v.id);
  }

  private deleteTab(id: string): void {
    const old = this.tabs.get(id);
    if (!old) return;
    (this.tabs as Map<string, TabRec>).delete(id);
    removeFrom(this.tabIdsByChannel, old.channelId, id);
  }

  *snapshotOps(): Generator<TeamsEntry> {
    for (const v of this.channels.values()) yield { k: 'teamsx', op: { t: 'channel', v } };
    for (const v of this.tabs.values()) yield { k: 'teamsx', op: { t: 'tab', v } };
  }

  /** A purged group's or a deleted team's channels and tabs (its channels' sites are purged by the store before). */
  drop(gone: Gone): void {
    if (!gone.any.teams) return;
    for (const [id, ch] of this.channels) if (gone.team(ch.teamId)) this.deleteChannel(id);
    for (const [id, tab] of this.tabs) if (gone.team(tab.teamId)) this.deleteTab(id);
  }

  /** A team's stored channels, in the order they were stored. */
  channelsOf(teamId: string): ChannelRec[] {
    return [...(this.channelIdsByTeam.get(teamId) ?? [])].map((id) => this.channels.get(id)!);
  }

  /** A channel's tabs, in the order they were stored. */
  tabsOf(channelId: string): TabRec[] {
    return [...(this.tabIdsByChannel.get(channelId) ?? [])].map((id) => this.tabs.get(id)!);
  }
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (ids) ids.add(id);
  else index.set(key, new Set([id]));
}

function removeFrom(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}
