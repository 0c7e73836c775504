/**
 * The directory part of the local tenant's state: users, groups (live and soft-deleted, indexed
 * by mailNickname) and teams (a team's id is its group's). Its ops are `DirectoryOp`s; a purged
 * group (`delGroup`) takes its team with it and takes its team's channels and tabs from the
 * other parts (teams-state.ts).
 */
import { goneOnly, type Gone, type SubStore } from './sub-store.ts';
import type { GroupRec, TeamRec, UserRec } from './types.ts';

export type DirectoryOp =
  | { k: 'user'; v: UserRec }
  | { k: 'group'; v: GroupRec }
  | { k: 'delGroup'; id: string }
  | { k: 'team'; v: TeamRec }
  | { k: 'delTeam'; id: string };

export class DirectoryState implements SubStore<DirectoryOp> {
  readonly name = 'directory';
  readonly opKinds = ['user', 'group', 'delGroup', 'team', 'delTeam'] as const;
  readonly users = new Map<string, UserRec>();
  private readonly usersByUpn = new Map<string, UserRec>();
  readonly groups = new Map<string, GroupRec>();
  private readonly groupsByNick = new Map<string, GroupRec>();
  /** soft-deleted groups (directory/deletedItems); their mailNickname stays taken */
  readonly deletedGroups = new Map<string, GroupRec>();
  private readonly deletedByNick = new Map<string, GroupRec>();
  readonly teams = new Map<string, TeamRec>();
  /** creation time (simulated ms, exact) of groups created by this process: replication delays (not journaled) */
  readonly groupBirth = new Map<string, number>();

  apply(op: DirectoryOp): void {
    switch (op.k) {
      case 'user': {
        const old = this.users.get(op.v.id);
        if (old) this.usersByUpn.delete(old.userPrincipalName.toLowerCase());
        this.users.set(op.v.id, op.v);
        this.usersByUpn.set(op.v.userPrincipalName.toLowerCase(), op.v);
        return;
      }
      case 'group':
        this.forgetGroup(op.v.id);
        if (op.v.deletedDateTime) {
          this.deletedGroups.set(op.v.id, op.v);
          this.deletedByNick.set(op.v.mailNickname.toLowerCase(), op.v);
        } else {
          this.groups.set(op.v.id, op.v);
          this.groupsByNick.set(op.v.mailNickname.toLowerCase(), op.v);
        }
        return;
      case 'delGroup':
        this.forgetGroup(op.id);
        this.teams.delete(op.id);
        this.groupBirth.delete(op.id);
        return;
      case 'team':
        this.teams.set(op.v.id, op.v);
        return;
      case 'delTeam':
        this.teams.delete(op.id);
        return;
    }
  }

  private forgetGroup(id: string): void {
    const old = this.groups.get(id) ?? this.deletedGroups.get(id);
    if (!old) return;
    this.groups.delete(id);
    this.deletedGroups.delete(id);
    this.groupsByNick.delete(old.mailNickname.toLowerCase());
    this.deletedByNick.delete(old.mailNickname.toLowerCase());
  }

  *snapshotOps(): Generator<DirectoryOp> {
    for (const v of this.users.values()) yield { k: 'user', v };
    for (const v of this.groups.values()) yield { k: 'group', v };
    for (const v of this.deletedGroups.values()) yield { k: 'group', v };
    for (const v of this.teams.values()) yield { k: 'team', v };
  }

  /** A purged group takes its team; a deleted team itself. */
  goneWith(op: DirectoryOp): Gone | undefined {
    if (op.k === 'delGroup') return this.groups.has(op.id) || this.deletedGroups.has(op.id) || this.teams.has(op.id) ? goneOnly({ teams: [op.id] }) : undefined;
    if (op.k === 'delTeam') return this.teams.has(op.id) ? goneOnly({ teams: [op.id] }) : undefined;
    return undefined;
  }

  /**
   * Nothing to drop: the one reference it keeps to another part, a group's `siteId`, cannot dangle,
   * because a group's site is purged only with its group (`Store.purgeGroup`; SPSiteManager/delete
   * refuses a group's site), and scanning every group at each delete would cost more than a purge.
   */
  drop(_gone: Gone): void {}

  getUser(idOrUpn: string): UserRec | undefined {
    return this.users.get(idOrUpn.toLowerCase()) ?? this.users.get(idOrUpn) ?? this.usersByUpn.get(idOrUpn.toLowerCase());
  }

  getGroup(id: string): GroupRec | undefined {
    return this.groups.get(id.toLowerCase()) ?? this.groups.get(id);
  }

  getGroupByNickname(nick: string): GroupRec | undefined {
    return this.groupsByNick.get(nick.toLowerCase());
  }

  /** Taken by a live or a soft-deleted group (a deleted group's name is free only once it is purged). */
  nicknameTaken(nick: string): boolean {
    return this.groupsByNick.has(nick.toLowerCase()) || this.deletedByNick.has(nick.toLowerCase());
  }

  getTeam(id: string): TeamRec | undefined {
    return this.teams.get(id.toLowerCase());
  }
}
