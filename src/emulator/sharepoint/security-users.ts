/**
 * SharePoint REST routes of a site collection's users (listed in SP_ROUTES of ./index.ts):
 *
 *   _api/web/siteusers                      GET, POST {LoginName} (adds the directory user)
 *   _api/web/siteusers(7) | siteusers/getbyid(7) | getbyemail('x') | getuserbyid(7)   GET
 *   _api/web/ensureuser                     POST {logonName} (the site user of a directory user, added when new)
 */
import type { SpRoutes } from './routes-api.ts';
import { userEntity } from './security-entities.ts';
import { ensureUser, mutate, num, secErrors as E, secOf, userByLogin } from './security-records.ts';

type State = { t: 'users' } | { t: 'user'; id: number } | { t: 'ensureUser' };

export const siteUserRoutes: SpRoutes = {
  enter(at, seg): State | undefined {
    if (at.k !== 'web') return undefined;
    const n = seg.name.toLowerCase();
    if (n === 'siteusers') {
      if (seg.arg === null) return { t: 'users' };
      const id = num(seg.arg);
      return id === undefined ? undefined : { t: 'user', id };
    }
    if (n === 'getuserbyid') {
      const id = num(seg.arg);
      return id === undefined ? undefined : { t: 'user', id };
    }
    if (n === 'ensureuser') return { t: 'ensureUser' };
    return undefined;
  },
  step(state, seg, ctx): State | undefined {
    if ((state as State).t !== 'users') return undefined;
    const n = seg.name.toLowerCase();
    if (n === 'getbyid') {
      const id = num(seg.arg);
      return id === undefined ? undefined : { t: 'user', id };
    }
    if (n === 'getbyemail' && seg.arg !== null) {
      const u = userByLogin(secOf(ctx), seg.arg);
      if (!u) throw E.userNotFound();
      return { t: 'user', id: u.id };
    }
    return undefined;
  },
  execute(state, ctx) {
    const s = state as State;
    const rec = secOf(ctx);
    switch (s.t) {
      case 'users':
        if (ctx.method === 'GET') return ctx.collection(rec.users.map((u) => userEntity(ctx, u)), 'SP.ApiData.Users');
        if (ctx.method === 'POST') {
          const b = ctx.body();
          const login = typeof b.LoginName === 'string' ? b.LoginName : '';
          const user = mutate(ctx, (r) => ensureUser(ctx.store, r, login));
          return ctx.entity(userEntity(ctx, user), 'SP.ApiData.Users', 201);
        }
        return undefined;
      case 'user': {
        const u = rec.users.find((x) => x.id === s.id);
        if (!u) throw E.userNotFound();
        if (ctx.method === 'GET') return ctx.entity(userEntity(ctx, u), 'SP.ApiData.Users');
        return undefined;
      }
      case 'ensureUser': {
        if (ctx.method !== 'POST') return undefined;
        const b = ctx.body();
        const login = typeof b.logonName === 'string' ? b.logonName : typeof b.LogonName === 'string' ? b.LogonName : '';
        if (!login) throw E.argument('The parameter logonName cannot be empty.');
        const existing = userByLogin(rec, login);
        const user = existing ?? mutate(ctx, (r) => ensureUser(ctx.store, r, login));
        return ctx.entity(userEntity(ctx, user), 'SP.ApiData.Users');
      }
    }
  },
};
