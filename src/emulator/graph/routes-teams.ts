/**
 * The Graph routes of teams: `POST /teams` and its operations, `GET|PATCH /teams/{id}`, `PUT|GET|PATCH
 * /groups/{id}/team` (teams.ts), in their order of precedence. A team's members, channels and
 * tabs are routes-channels.ts; `GET /teams` is routes-common-clients.ts.
 */
import type { GraphRoute } from './route-table.ts';

/** Team routes; `{teamid}` and `{groupid}` are looked up by the handlers (a missing team is their 404). */
export const TEAM_ROUTES: GraphRoute[] = [
  { method: 'POST', pattern: '/teams', op: '/teams', handler: (c) => c.teams.createTeam(c.req) },
  { method: 'GET', pattern: '/teams/{teamid}', op: '/teams/{id}', handler: (c) => c.teams.getTeam(c.req, c.params.teamid!) },
  { method: 'PATCH', pattern: '/teams/{teamid}', op: '/teams/{id}', handler: (c) => c.teams.patchTeam(c.req, c.params.teamid!) },
  { method: 'GET', pattern: '/teams/{teamid}/operations/{operationid}', op: '/teams/{id}/operations/{id}', handler: (c) => c.teams.getOperation(c.params.teamid!, c.params.operationid!) },
  { method: 'PUT', pattern: '/groups/{groupid}/team', op: '/groups/{id}/team', handler: (c) => c.teams.putTeam(c.req, c.params.groupid!) },
  { method: 'GET', pattern: '/groups/{groupid}/team', op: '/groups/{id}/team', handler: (c) => c.teams.getTeam(c.req, c.params.groupid!) },
  { method: 'PATCH', pattern: '/groups/{groupid}/team', op: '/groups/{id}/team', handler: (c) => c.teams.patchTeam(c.req, c.params.groupid!) },
];
