/**
 * The Graph routes of the directory: users, groups, their owners and members (reads:
 * directory-reads.ts; writes: group-writes.ts, user-writes.ts; soft delete: deleted-items.ts), in their order of
 * precedence (`$count` before `{id}`).
 */
import { deleteGroup } from './deleted-items.ts';
import { countGroups, countUsers, getGroup, getUser, listGroups, listRefs, listUsers } from './directory-reads.ts';
import { addRef, createGroup, patchGroup, removeRef, type RefKind } from './group-writes.ts';
import type { GraphRoute } from './route-table.ts';
import { createUser } from './user-writes.ts';

/** A group's owners or members routes. */
function refRoutes(kind: RefKind): GraphRoute[] {
  return [
    { method: 'GET', pattern: `/groups/{groupid}/${kind}`, op: `/groups/{id}/${kind}`, handler: (c) => listRefs(c, c.params.groupid!, kind) },
    { method: 'POST', pattern: `/groups/{groupid}/${kind}/$ref`, op: `/groups/{id}/${kind}/$ref`, handler: (c) => addRef(c, c.params.groupid!, kind) },
    { method: 'DELETE', pattern: `/groups/{groupid}/${kind}/{userid}/$ref`, op: `/groups/{id}/${kind}/{id}/$ref`, handler: (c) => removeRef(c, c.params.groupid!, kind, c.params.userid!) },
  ];
}

/** Users and groups. */
export const DIRECTORY_ROUTES: GraphRoute[] = [
  { method: 'GET', pattern: '/users', op: '/users', handler: listUsers },
  { method: 'POST', pattern: '/users', op: '/users', handler: createUser },
  { method: 'GET', pattern: '/users/$count', op: '/users/$count', handler: countUsers },
  { method: 'GET', pattern: '/users/{userid}', op: '/users/{id}', handler: (c) => getUser(c, c.params.userid!) },
  { method: 'GET', pattern: '/groups', op: '/groups', handler: listGroups },
  { method: 'POST', pattern: '/groups', op: '/groups', handler: createGroup },
  { method: 'GET', pattern: '/groups/$count', op: '/groups/$count', handler: countGroups },
  { method: 'GET', pattern: '/groups/{groupid}', op: '/groups/{id}', handler: (c) => getGroup(c, c.params.groupid!) },
  { method: 'PATCH', pattern: '/groups/{groupid}', op: '/groups/{id}', handler: (c) => patchGroup(c, c.params.groupid!) },
  { method: 'DELETE', pattern: '/groups/{groupid}', op: '/groups/{id}', handler: (c) => deleteGroup(c.store, c.params.groupid!) },
  ...refRoutes('owners'),
  ...refRoutes('members'),
];
