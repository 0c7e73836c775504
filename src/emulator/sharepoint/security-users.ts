/**
 * SharePoint REST routes of a site collection's users (entries of the table in routes.ts,
 * relative to the web):
 *
 *   _api/web/siteusers                      GET, POST {LoginName} (adds the directory user)
 *   _api/web/siteusers(7) | siteusers/getbyid(7) | getbyemail('x') | getuserbyid(7)   GET
 *   _api/web/ensureuser                     POST {logonName} (the site user of a directory user, added when new)
 */
import type { Res } from '../http.ts';
import type { SpUserRec } from '../security-state.ts';
import type { SpRouteCtx } from './route-context.ts';
import { otherMethods, type SpResolvers, type SpRoute } from './route-table.ts';
import { userEntity } from './security-entities.ts';
import { ensureUser, mutate, num, secErrors as E, secOf, userByLogin } from './security-records.ts';
import { SP_USER } from './body-types.ts';

/** The site user `{user}` (an id) or found by `{useremail}`: the service looks it up before it looks at the method. */
function userOf(c: SpRouteCtx): SpUserRec {
  const id = c.userId ?? num(c.args.user!.arg);
  const u = secOf(c).users.find((x) => x.id === id);
  if (!u) throw E.userNotFound();
  return u;
}

const getUser = (c: SpRouteCtx): Res => c.entity(userEntity(c, userOf(c)), 'SP.ApiData.Users');

/** The site users, relative to the web. */
export const SITE_USER_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'siteusers', handler: (c) => c.collection(secOf(c).users.map((u) => userEntity(c, u)), 'SP.ApiData.Users') },
  {
    method: 'POST',
    pattern: 'siteusers',
    handler: (c) => {
      const b = c.body({ entity: SP_USER });
      const login = typeof b.LoginName === 'string' ? b.LoginName : '';
      const user = mutate(c, (r) => ensureUser(c.store, r, login));
      return c.entity(userEntity(c, user), 'SP.ApiData.Users', 201);
    },
  },
  ...['siteusers({user:int})', 'siteusers/getbyid({user:int})', 'getuserbyid({user:int})', 'siteusers/getbyemail({useremail})'].flatMap((pattern) => [
    { method: 'GET', pattern, handler: getUser } satisfies SpRoute,
    otherMethods(pattern, (c) => void userOf(c)),
  ]),
  {
    method: 'POST',
    pattern: 'ensureuser(*)',
    handler: (c) => {
      const b = c.body({ method: 'EnsureUser', params: { logonName: null } });
      const login = typeof b.logonName === 'string' ? b.logonName : '';
      if (!login) throw E.argument('The parameter logonName cannot be empty.');
      const existing = userByLogin(secOf(c), login);
      const user = existing ?? mutate(c, (r) => ensureUser(c.store, r, login));
      return c.entity(userEntity(c, user), 'SP.ApiData.Users');
    },
  },
];

/** `{useremail}`: the site user by e-mail or login (the service's 404 when there is none). */
export const SITE_USER_RESOLVERS: SpResolvers = {
  useremail: (c, seg) => {
    const u = userByLogin(secOf(c), seg.arg!);
    if (!u) throw E.userNotFound();
    c.userId = u.id;
  },
};
