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
  readonly channels = new Map<string, ChannelRec>();
  readonly tabs = new Map<string, TabRec>();

  apply({ op }: TeamsEntry): void {
    switch (op.t) {
      case 'channel':
        this.channels.set(op.v.id, op.v);
        return;
      case 'delChannel':
        this.channels.delete(op.id);
        for (const [id, tab] of this.tabs) if (tab.channelId === op.id) this.tabs.delete(id);
        return;
      case 'tab':
        this.tabs.set(op.v.id, op.v);
        return;
      case 'delTab':
        this.tabs.delete(op.id);
        return;
    }
  }

  *snapshotOps(): Generator<TeamsEntry> {
    for (const v of this.channels.values()) yield { k: 'teamsx', op: { t: 'channel', v } };
    for (const v of this.tabs.values()) yield { k: 'teamsx', op: { t: 'tab', v } };
  }

  /** A purged group's or a deleted team's channels and tabs (its channels' sites are purged by the store before). */
  drop(gone: Gone): void {
    if (!gone.any.teams) return;
    for (const [id, ch] of this.channels) if (gone.team(ch.teamId)) this.channels.delete(id);
    for (const [id, tab] of this.tabs) if (gone.team(tab.teamId)) this.tabs.delete(id);
  }

  channelsOf(teamId: string): ChannelRec[] {
    return [...this.channels.values()].filter((c) => c.teamId === teamId);
  }

  tabsOf(channelId: string): TabRec[] {
    return [...this.tabs.values()].filter((t) => t.channelId === channelId);
  }
}
