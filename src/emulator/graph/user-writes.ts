/**
 * `POST /users` on the Graph face (Microsoft's "Create user", user-post-users): an app needs
 * User.ReadWrite.All or Directory.ReadWrite.All (permissions.ts; the local tenant's app does not
 * hold either by default, as the engine never creates users: grant it with `--app-roles`), a
 * signed-in admin the same scopes. What lets a rehearsal hold the staff a blueprint names (a
 * municipality's thousands, where the seed has 121), through the API every tool already uses.
 *
 * Validated as the directory validates before anything is created: the required properties
 * (`accountEnabled`, `displayName`, `mailNickname`, `passwordProfile.password`,
 * `userPrincipalName`); a user principal name `alias@domain` with the characters the doc allows
 * (A–Z a–z 0–9 ' . - _ ! # ^ ~) on a verified domain (the tenant's `*.onmicrosoft.com`, or a
 * custom domain it verified: verified-domains.ts); a password of 8–256 characters with three of
 * lower case, upper case, digits and symbols (Entra's password policy); a name no other user
 * holds; room in the directory's quota (50,000 objects, 300,000 with a custom domain).
 * The answers' wording is the directory's
 * (`Request_BadRequest`); which message a missing property earns is not documented: the local
 * tenant answers as it does for groups ("Invalid value specified for property 'x' of resource
 * 'User'."). A user created here has no mailbox (`mail` is what the body sets, else null), as an
 * unlicensed user on the service.
 */
import { randomUUID } from 'node:crypto';
import { isObj, jsonRes, type Res } from '../http.ts';
import type { UserRec } from '../types.ts';
import { MAIL_NICKNAME } from './directory-schema.ts';
import { GraphError, invalidValue } from './errors.ts';
import { GRAPH_BASE, userJson } from './project.ts';
import { jsonBody, type GraphCtx } from './route-context.ts';
import { assertDirectoryRoom } from './directory-room.ts';

const UPN_LOCAL = /^[A-Za-z0-9'.\-_!#^~]{1,64}$/;

const invalid = (property: string) => invalidValue('User', property);

/** Entra ID's password policy: 8 to 256 characters, three of the four kinds. */
function strongEnough(password: string): boolean {
  if (password.length < 8 || password.length > 256) return false;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  return kinds >= 3;
}

/** `POST /users`: the user, or the directory's 400 before anything is created. */
export function createUser(c: GraphCtx): Res {
  const b = jsonBody(c.req);
  for (const required of ['accountEnabled', 'displayName', 'mailNickname', 'passwordProfile', 'userPrincipalName']) {
    if (b[required] === undefined || b[required] === null) throw invalid(required);
  }
  if (typeof b.accountEnabled !== 'boolean') throw invalid('accountEnabled');
  if (typeof b.displayName !== 'string' || !b.displayName.trim() || b.displayName.length > 256) throw invalid('displayName');
  if (typeof b.mailNickname !== 'string' || !MAIL_NICKNAME.test(b.mailNickname)) throw invalid('mailNickname');
  const profile = b.passwordProfile;
  if (!isObj(profile) || typeof profile.password !== 'string') throw invalid('passwordProfile');
  const upn = b.userPrincipalName;
  if (typeof upn !== 'string') throw invalid('userPrincipalName');
  const at = upn.lastIndexOf('@');
  if (at <= 0 || !UPN_LOCAL.test(upn.slice(0, at)) || upn.slice(0, at).startsWith('.') || upn.slice(0, at).endsWith('.')) throw invalid('userPrincipalName');
  if (!c.store.isVerifiedDomain(upn.slice(at + 1))) {
    throw new GraphError(400, 'Request_BadRequest', 'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.');
  }
  if (!strongEnough(profile.password)) throw new GraphError(400, 'Request_BadRequest', 'The specified password does not comply with password complexity requirements. Please provide a different password.');
  for (const name of ['givenName', 'surname', 'mail'] as const) {
    if (b[name] !== undefined && b[name] !== null && (typeof b[name] !== 'string' || b[name] === '')) throw invalid(name);
  }
  if (c.store.getUser(upn)) throw new GraphError(400, 'Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.');
  assertDirectoryRoom(c.store);
  const user: UserRec = {
    id: randomUUID(),
    displayName: b.displayName,
    userPrincipalName: upn,
    givenName: typeof b.givenName === 'string' ? b.givenName : null,
    surname: typeof b.surname === 'string' ? b.surname : null,
    mail: typeof b.mail === 'string' ? b.mail : null,
  };
  c.store.commit({ k: 'user', v: user });
  const location = `https://graph.microsoft.com/v2/${c.tenantId}/directoryObjects/${user.id}/Microsoft.DirectoryServices.User`;
  return jsonRes(201, { '@odata.context': `${GRAPH_BASE}/$metadata#users/$entity`, ...userJson(user) }, { location });
}
