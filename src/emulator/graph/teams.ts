/**
 * Microsoft Teams on the Graph face: POST /teams (202 + a teamsAsyncOperation that goes
 * notStarted -> inProgress -> succeeded | failed), PUT /groups/{id}/team (404 while the group is
 * young), GET/PATCH /teams/{id} and /groups/{id}/team, GET /teams/{id}/operations/{id}.
 *
 * The team record (`TeamRec`, id = group id) lives in the store; channels, tabs and members are
 * added by other files (channels.ts); `resolveTeam()` is exported so that they find a team
 * exactly as these routes do. The routes' entries are routes-teams.ts.
 */
import { randomUUID } from 'node:crypto';
import type { AsyncConfig, Dist } from '../config.ts';
import { emptyRes, isObj, jsonRes, parseJsonBody, type Req, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { GroupRec, TeamRec } from '../types.ts';
import { GraphError } from './errors.ts';
import { shapeOf } from './collection.ts';
import { sharePointExpand, sharePointSelect } from './sharepoint-select.ts';
import { TEAM_TYPE } from './teams-schema.ts';
import { GRAPH_BASE } from './project.ts';
import { assertDirectoryRoom } from './directory-room.ts';

/** Where the async timings come from (the behaviour policy). */
export interface TeamsTiming {
  cfg: AsyncConfig;
  draw(d: Dist): number;
  chance(p: number): boolean;
}

const instantTiming: TeamsTiming = {
  cfg: {
    teamStart: { medianMs: 0, sigma: 0, maxMs: 0 },
    teamRun: { medianMs: 0, sigma: 0, maxMs: 0 },
    teamFailRate: 0,
    teamVisibleAfter: { medianMs: 0, sigma: 0, maxMs: 0 },
    groupReplication: { medianMs: 0, sigma: 0, maxMs: 0 },
    groupSite: { medianMs: 0, sigma: 0, maxMs: 0 },
    siteCreateAsyncRate: 0,
    siteCreate: { medianMs: 0, sigma: 0, maxMs: 0 },
  },
  draw: () => 0,
  chance: () => false,
};

interface TeamOp {
  id: string;
  teamId: string;
  operationType: 'createTeam' | 'teamifyGroup';
  created: number;
  startAt: number;
  doneAt: number;
  fails: boolean;
}

const DEFAULTS = {
  memberSettings: { allowCreateUpdateChannels: true, allowCreatePrivateChannels: true, allowDeleteChannels: true, allowAddRemoveApps: true, allowCreateUpdateRemoveTabs: true, allowCreateUpdateRemoveConnectors: true },
  guestSettings: { allowCreateUpdateChannels: false, allowDeleteChannels: false },
  messagingSettings: { allowUserEditMessages: true, allowUserDeleteMessages: true, allowOwnerDeleteMessages: true, allowTeamMentions: true, allowChannelMentions: true },
  funSettings: { allowGiphy: true, giphyContentRating: 'moderate', allowStickersAndMemes: true, allowCustomMemes: true },
  discoverySettings: { showInTeamsSearchAndSuggestions: true },
};
const SETTINGS = ['memberSettings', 'guestSettings', 'messagingSettings', 'funSettings', 'discoverySettings'] as const;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1' + '0000Z');
}

function notFoundTeam(id: string): GraphError {
  return new GraphError(404, 'NotFound', `No team found with Group Id ${id}`);
}

/** The team of a group id, if it exists and is visible now (not during creation, not for a deleted group). */
export function resolveTeam(store: Store, id: string): TeamRec | undefined {
  const t = store.getTeam(id.replace(/^\{|\}$/g, ''));
  if (!t) return undefined;
  if (t.readyAt !== undefined && t.readyAt > store.clock.now()) return undefined;
  if (!store.getGroup(t.id)) return undefined;
  return t;
}

/** `teams('x')` or `teams` + `x` -> ['teams', 'x', ...rest]: the key syntax of the Location header. */
export function normaliseTeamSegs(segs: string[]): string[] {
  const out: string[] = [];
  for (const s of segs) {
    const m = /^([^(]+)\('?([^')]*)'?\)$/.exec(s);
    if (m) out.push(m[1]!, m[2]!);
    else out.push(s);
  }
  return out;
}

export class TeamsRoutes {
  private readonly ops = new Map<string, TeamOp>();
  /** per group: how long after creation the Teams backend can see it (drawn once) */
  private readonly replication = new Map<string, number>();
  timing: TeamsTiming = instantTiming;

  constructor(
    private readonly store: Store,
    private readonly tenantId: string,
  ) {}

  teamJson(t: TeamRec): Record<string, unknown> {
    const g = this.store.getGroup(t.id);
    return {
      id: t.id,
      createdDateTime: t.createdDateTime,
      displayName: g?.displayName ?? null,
      description: g?.description ?? null,
      internalId: t.internalId,
      classification: null,
      specialization: 'none',
      visibility: (g?.visibility ?? 'Public').toLowerCase() === 'hiddenmembership' ? 'hiddenMembership' : (g?.visibility ?? 'Public').toLowerCase(),
      webUrl: t.webUrl,
      isArchived: t.isArchived,
      tenantId: this.tenantId,
      memberSettings: t.memberSettings,
      guestSettings: t.guestSettings,
      messagingSettings: t.messagingSettings,
      funSettings: t.funSettings,
      discoverySettings: t.discoverySettings,
      summary: { ownersCount: g?.owners.length ?? 0, membersCount: g ? new Set([...g.owners, ...g.members]).size : 0, guestsCount: 0 },
    };
  }

  private body(req: Req): Record<string, unknown> {
    const b = parseJsonBody(req);
    if (!isObj(b)) throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
    return b;
  }

  private newTeam(g: GroupRec, b: Record<string, unknown>, readyAt: number | undefined): TeamRec {
    const thread = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
    const t: TeamRec = {
      id: g.id,
      internalId: thread,
      webUrl: `https://teams.microsoft.com/l/team/${encodeURIComponent(thread)}/conversations?groupId=${g.id}&tenantId=${this.tenantId}`,
      isArchived: false,
      createdDateTime: iso(this.store.clock.now()),
      memberSettings: { ...DEFAULTS.memberSettings },
      guestSettings: { ...DEFAULTS.guestSettings },
      messagingSettings: { ...DEFAULTS.messagingSettings },
      funSettings: { ...DEFAULTS.funSettings },
      discoverySettings: { ...DEFAULTS.discoverySettings },
      ...(readyAt !== undefined ? { readyAt } : {}),
    };
    for (const k of SETTINGS) if (isObj(b[k])) Object.assign(t[k], b[k]);
    return t;
  }

  /** PUT /groups/{id}/team and POST /teams with group@odata.bind: 404 while the group is still replicating; 400 for a group without an owner. */
  private groupForTeam(id: string): GroupRec {
    const g = this.store.getGroup(id);
    if (!g) throw new GraphError(404, 'NotFound', `Failed to execute Templates backend request CreateTeamFromGroupWithTemplateRequest. Request Url: https://teams.microsoft.com/fabric/templates/api/groups/${id}/team, Request Method: PUT, Response Status Code: NotFound, ErrorMessage : {"errors":[{"message":"Failed to execute GetGroupAsync.","errorCode":"Unknown"}]}`);
    let young = this.replication.get(g.id);
    if (young === undefined) this.replication.set(g.id, (young = this.timing.draw(this.timing.cfg.groupReplication)));
    if (young > 0 && (this.store.groupBirth.get(g.id) ?? Date.parse(g.createdDateTime)) + young > this.store.clock.now()) {
      throw new GraphError(404, 'NotFound', `Failed to execute Templates backend request CreateTeamFromGroupWithTemplateRequest. Request Url: https://teams.microsoft.com/fabric/templates/api/groups/${g.id}/team, Request Method: PUT, Response Status Code: NotFound, ErrorMessage : {"errors":[{"message":"Failed to execute GetGroupAsync.","errorCode":"Unknown"}]}`);
    }
    if (!g.groupTypes.some((t) => t.toLowerCase() === 'unified')) throw new GraphError(400, 'BadRequest', 'Only Microsoft 365 groups (Unified) can be turned into a team.');
    if (this.store.getTeam(g.id)) throw new GraphError(409, 'Conflict', `Team already exists for the group ${g.id}.`);
    // "the group must have at least one owner" (Create team from group); the service answers so
    if (g.owners.length === 0) throw new GraphError(400, 'BadRequest', `Team owner not found for group ${g.id}.`);
    return g;
  }

  /** `PUT /groups/{id}/team` */
  putTeam(req: Req, id: string): Res {
    const b = parseJsonBody(req);
    const body = isObj(b) ? b : {};
    const g = this.groupForTeam(id);
    const t = this.store.putTeam(this.newTeam(g, body, undefined));
    return jsonRes(201, { '@odata.context': `${GRAPH_BASE}/$metadata#teams/$entity`, ...this.teamJson(t) }, { location: `${GRAPH_BASE}/teams/${t.id}` });
  }

  /** `POST /teams`: 202 and the operation's Location */
  createTeam(req: Req): Res {
    const b = this.body(req);
    const tpl = b['template@odata.bind'];
    if (typeof tpl !== 'string' || !/teamsTemplates\('?[\w-]+'?\)/i.test(tpl)) throw new GraphError(400, 'BadRequest', "Request body must contain a valid 'template@odata.bind' (for example https://graph.microsoft.com/v1.0/teamsTemplates('standard')).");
    const gbind = b['group@odata.bind'];
    let g: GroupRec;
    let type: TeamOp['operationType'] = 'createTeam';
    if (gbind !== undefined) {
      const m = typeof gbind === 'string' ? /groups(?:\('|\/)([0-9a-fA-F-]{36})/.exec(gbind) : null;
      if (!m) throw new GraphError(400, 'BadRequest', "Invalid value for 'group@odata.bind'.");
      g = this.groupForTeam(m[1]!);
      type = 'teamifyGroup';
    } else {
      if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw new GraphError(400, 'BadRequest', "The property 'displayName' is required.");
      const members = Array.isArray(b.members) ? b.members : [];
      const owners: string[] = [];
      const plain: string[] = [];
      for (const mem of members) {
        if (!isObj(mem)) continue;
        const bind = mem['user@odata.bind'];
        const key = typeof bind === 'string' ? /users(?:\('|\/)([^')/]+)/.exec(bind)?.[1] : undefined;
        const u = key ? this.store.getUser(decodeURIComponent(key)) : undefined;
        if (!u) throw new GraphError(400, 'BadRequest', `Invalid user binding '${String(bind)}'.`);
        const roles = Array.isArray(mem.roles) ? mem.roles.map((r) => String(r).toLowerCase()) : [];
        (roles.includes('owner') ? owners : plain).push(u.id);
      }
      if (owners.length === 0) throw new GraphError(400, 'BadRequest', 'An owner (a member with the role owner) is required to create a team with application permissions.');
      let nick = b.displayName.replace(/[^A-Za-z0-9]/g, '') || 'team';
      for (let i = 2; this.store.nicknameTaken(nick); i++) nick = `${nick.replace(/\d+$/, '')}${i}`;
      const vis = typeof b.visibility === 'string' && ['public', 'private'].includes(b.visibility.toLowerCase()) ? (b.visibility.toLowerCase() === 'public' ? 'Public' : 'Private') : 'Public';
      // its group is a directory object: refused at once when there is no room (the service's form
      // of this failure, at once or in the operation, is not documented: the stricter reading)
      assertDirectoryRoom(this.store);
      g = this.store.createGroup({
        displayName: b.displayName,
        description: typeof b.description === 'string' ? b.description : null,
        mailNickname: nick,
        mailEnabled: true,
        securityEnabled: false,
        groupTypes: ['Unified'],
        visibility: vis,
        owners,
        members: [...owners, ...plain],
      });
    }
    const now = this.store.clock.now();
    const startAt = now + this.timing.draw(this.timing.cfg.teamStart);
    const doneAt = startAt + this.timing.draw(this.timing.cfg.teamRun);
    const fails = this.timing.chance(this.timing.cfg.teamFailRate);
    const visibleAt = doneAt + this.timing.draw(this.timing.cfg.teamVisibleAfter);
    if (!fails) this.store.putTeam(this.newTeam(g, b, visibleAt > now ? visibleAt : undefined));
    const o: TeamOp = { id: randomUUID(), teamId: g.id, operationType: type, created: now, startAt, doneAt, fails };
    this.ops.set(o.id, o);
    return {
      status: 202,
      headers: { 'content-type': 'application/json', location: `/teams('${g.id}')/operations('${o.id}')`, 'content-location': `/teams('${g.id}')` },
    };
  }

  /** `GET /teams/{id}`, `GET /groups/{id}/team` */
  getTeam(req: Req, id: string): Res {
    const t = resolveTeam(this.store, id);
    if (!t) throw notFoundTeam(id);
    const sel = sharePointSelect(req, TEAM_TYPE);
    sharePointExpand(req, TEAM_TYPE, {});
    return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#teams/$entity`, ...shapeOf(this.teamJson(t), () => ({}), sel, true) });
  }

  /** `PATCH /teams/{id}`, `PATCH /groups/{id}/team` */
  patchTeam(req: Req, id: string): Res {
    const t = resolveTeam(this.store, id);
    if (!t) throw notFoundTeam(id);
    const b = this.body(req);
    const next: TeamRec = { ...t };
    for (const k of SETTINGS) if (isObj(b[k])) next[k] = { ...t[k], ...b[k] };
    if (typeof b.isArchived === 'boolean') throw new GraphError(400, 'BadRequest', "'isArchived' is read-only; use the archive and unarchive actions.");
    this.store.putTeam(next);
    const g = this.store.getGroup(t.id);
    if (g && (typeof b.displayName === 'string' || typeof b.description === 'string')) {
      this.store.updateGroup(g, { ...(typeof b.displayName === 'string' ? { displayName: b.displayName } : {}), ...(typeof b.description === 'string' ? { description: b.description } : {}) });
    }
    return emptyRes(204);
  }

  /** `GET /teams/{id}/operations/{id}` */
  getOperation(teamId: string, opId: string): Res {
    const o = this.ops.get(opId.toLowerCase()) ?? this.ops.get(opId);
    if (!o || o.teamId !== teamId.toLowerCase()) throw new GraphError(404, 'NotFound', `Operation ${opId} was not found.`);
    const now = this.store.clock.now();
    const status = now < o.startAt ? 'notStarted' : now < o.doneAt ? 'inProgress' : o.fails ? 'failed' : 'succeeded';
    const last = status === 'notStarted' ? o.created : status === 'inProgress' ? o.startAt : o.doneAt;
    return jsonRes(200, {
      '@odata.context': `${GRAPH_BASE}/$metadata#teams('${o.teamId}')/operations/$entity`,
      id: o.id,
      operationType: o.operationType,
      createdDateTime: iso(o.created),
      status,
      lastActionDateTime: iso(last),
      attemptsCount: 1,
      targetResourceId: o.teamId,
      targetResourceLocation: `/teams('${o.teamId}')`,
      error: status === 'failed' ? { code: 'InternalServerError', message: 'Team creation failed. Please retry.' } : null,
    });
  }
}
