/**
 * `provision emulator users import <roster.csv> [--state DIR] [--domain NAME]...`: adds a staff
 * roster to the local tenant's directory, so that a rollout naming real people can be rehearsed
 * as it will run. The roster is the CSV of Microsoft Entra's "Bulk create users" (entra-roster.ts),
 * so the same file goes to the admin center for the real tenant.
 *
 * The users are created as the service creates them: each row is a Graph `POST /users` to the
 * local tenant, started in this process on the state folder with its app granted User.ReadWrite.All
 * for this run only (the engine's own grant never holds it), with a token from the app's client
 * secret. So every rule the local directory applies to any tool (a verified domain, the password
 * policy, a name already taken, the quota) applies here, in its own words. A row the directory
 * refuses is reported with its line and the rest go on, as the admin center's bulk job does; the
 * exit code is 1 when any row was refused or the file had problems (then nothing is sent).
 * When `provision emulator start` serves the folder, the rows go to it instead: its app must have
 * been started with User.ReadWrite.All (`--app-roles`), and `--domain` cannot verify a domain in a
 * tenant another process serves (the domain must be verified already); either is said, with the
 * way out, before any user is sent.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { customDomainName, findRunningLocalTenant, StateLockedError, startLocalTenant, type LocalTenantAccess } from '../../emulator/index.ts';
import { stateDirOf } from '../../tenant/target.ts';
import { MAX_ROSTER_BYTES, readEntraRoster, type RosterUser } from '../entra-roster.ts';
import { describeFileError, UserInputError } from '../file-errors.ts';
import { info, out } from '../output.ts';
import { localAppToken } from '../local-app-token.ts';

export interface EmulatorUsersImportOptions {
  state?: string;
  /** custom domains to verify first (kept in the state folder, as `emulator start --domain` keeps them) */
  domain?: string[];
}

/** Rows sent at once; each is one request to the in-process tenant. */
const AT_ONCE = 8;
/** Refusals printed one by one before the rest are counted. */
const SHOWN = 50;

export async function emulatorUsersImportCommand(file: string, options: EmulatorUsersImportOptions): Promise<number> {
  const path = resolve(file);
  let text: string;
  try {
    if (statSync(path).size > MAX_ROSTER_BYTES) throw new UserInputError(`the roster ${file} is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MB`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw error instanceof UserInputError ? error : describeFileError(error, file, 'roster', "a CSV in Microsoft Entra's bulk create form");
  }
  const roster = readEntraRoster(text);
  if (roster.problems.length) {
    for (const p of roster.problems.slice(0, SHOWN)) info(`${file}:${p.line}:${p.col} error ${p.message}`);
    if (roster.problems.length > SHOWN) info(`… and ${roster.problems.length - SHOWN} more`);
    info(`${roster.problems.length} problem${roster.problems.length === 1 ? '' : 's'} in ${file}; no user was added.`);
    return 1;
  }
  if (roster.ignored.length) info(`Columns not read (the local directory keeps names only): ${roster.ignored.join('; ')}`);
  const stateDir = options.state ? resolve(options.state) : join(stateDirOf(process.cwd()), 'local-tenant');
  const running = findRunningLocalTenant(stateDir);
  if (running) {
    const unverified = (options.domain ?? []).filter((d) => !running.customDomains.includes(customDomainName(d)));
    if (unverified.length) throw new UserInputError(`the local tenant in ${stateDir} is served by process ${running.pid}, which cannot verify ${unverified.join(', ')} while it runs: stop it and import with --domain, or start it with --domain`);
  }
  let tenant: LocalTenantAccess;
  let close = async () => {};
  if (running) {
    tenant = running;
    info(`Local tenant ${running.sharepointHost} served by process ${running.pid} at ${running.url}`);
  } else {
    try {
      const started = await startLocalTenant({ stateDir, profile: 'instant', appRoles: { graph: ['User.ReadWrite.All'] }, ...(options.domain?.length ? { verifiedDomains: options.domain } : {}) });
      tenant = started;
      close = () => started.close();
    } catch (error) {
      if (error instanceof StateLockedError) throw new UserInputError(`the local tenant in ${stateDir} is in use by process ${error.pid}: let it finish, or stop it, and import again`);
      throw error;
    }
  }
  try {
    const token = await localAppToken(tenant);
    const refused: { line: number; upn: string; message: string }[] = [];
    let added = 0;
    let next = 0;
    let forbidden: string | undefined;
    const worker = async () => {
      while (next < roster.users.length && forbidden === undefined) {
        const user = roster.users[next++]!;
        const answer = await createUser(tenant, token, user);
        if (answer === undefined) added++;
        else if (answer.status === 403) forbidden = answer.message;
        else refused.push({ line: user.line, upn: user.body.userPrincipalName, message: answer.message });
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    if (forbidden !== undefined) {
      throw new UserInputError(
        `the local tenant's app may not create users (${forbidden})${running ? `: process ${running.pid} serves it without User.ReadWrite.All; start it with --app-roles naming User.ReadWrite.All (README, "The local tenant"), or stop it and import` : ''}; ${added} user${added === 1 ? '' : 's'} added before`,
      );
    }
    refused.sort((a, b) => a.line - b.line);
    for (const r of refused.slice(0, SHOWN)) info(`${file}:${r.line} refused ${r.upn}: ${r.message}`);
    if (refused.length > SHOWN) info(`… and ${refused.length - SHOWN} more refused`);
    out(`Added ${added} user${added === 1 ? '' : 's'} to the local tenant ${tenant.sharepointHost}${refused.length ? `; ${refused.length} refused` : ''}; state in ${stateDir}`);
    return refused.length ? 1 : 0;
  } finally {
    await close();
  }
}

/** Creates one user; undefined when created, else the answer's status and the directory's message. */
async function createUser(tenant: LocalTenantAccess, token: string, user: RosterUser): Promise<{ status: number; message: string } | undefined> {
  const answer = await fetch(`${tenant.url}/v1.0/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-host': 'graph.microsoft.com', 'content-type': 'application/json' },
    body: JSON.stringify(user.body),
    signal: AbortSignal.timeout(30_000),
  });
  if (answer.status === 201) {
    await answer.arrayBuffer();
    return undefined;
  }
  const body = (await answer.json().catch(() => ({}))) as { error?: { message?: string } };
  return { status: answer.status, message: `${answer.status} ${body.error?.message ?? answer.statusText}` };
}
