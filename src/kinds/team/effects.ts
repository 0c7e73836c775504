/**
 * team: the Microsoft Teams team of a group-connected team site, keyed by the site (one team per
 * group; the team's id is the group's id). Created from the group with Graph `POST /teams` and
 * `group@odata.bind` (202 Accepted + the `Location` of a teamsAsyncOperation, polled at the
 * interval the service asks for), read with `GET /teams/{id}` when the blueprint states settings
 * (else its channels' read, which its channels make anyway, says it exists), settings written with
 * `PATCH /teams/{id}` (only the stated settings).
 */
import type { ObservedState } from '../../model/observed.ts';
import { isConflict, isNotFound } from '../../model/tenant-error.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { atOnceChecksOf } from '../shared/at-once-checks.ts';
import { parseRetryAfter } from '../../tenant/retry-after.ts';
import type { ResourceIds } from '../../model/found.ts';
import { waitUntil } from '../shared/wait-until.ts';
import { channelsOf } from '../shared/team-channels.ts';
import { realMs, sleepReal } from '../../time/engine-time.ts';
import type { KindEffects } from '../kind-effects.ts';
import { TEAM_SETTINGS, type TeamFacts, type TeamProps, type TeamSettings } from './model.ts';

type SettingsName = (typeof TEAM_SETTINGS)[number];

type GraphTeam = { id: string } & Partial<Record<SettingsName, TeamSettings | null>>;

interface AsyncOperation {
  id?: string;
  status?: string;
  targetResourceId?: string | null;
  error?: { code?: string; message?: string } | null;
}

/** How long a team creation may take before the engine gives up (the service usually needs seconds to minutes). */
export const TEAM_CREATE_TIMEOUT_MS = 15 * 60_000;

export const teamEffects: KindEffects<'team'> = {
  writesOutsideSharePoint: true,
  async read(resource, ctx): Promise<ObservedState<'team'>> {
    const { tenant, parentIds } = ctx;
    const groupId = parentIds.groupId;
    if (!groupId) return { status: 'unknown', reason: 'the team site has no group id (not provisioned yet)' };
    const props: Partial<TeamProps> = { siteUrl: resource.props.siteUrl };
    const facts = teamFacts(resource.props);
    if (Object.keys(statedSettings(resource.props)).length === 0) {
      // No setting to compare: the team's channels (which its channels read anyway, one memo)
      // say whether it exists, and the team costs no Teams call of its own.
      try {
        await channelsOf(ctx, groupId);
      } catch (error) {
        if (isNotFound(error)) return { status: 'absent' };
        throw error;
      }
      return { status: 'present', id: groupId, ids: teamIds(parentIds, groupId), facts, props };
    }
    const team = await tenant.graph.find<GraphTeam>(`/teams/${groupId}`);
    if (!team) return { status: 'absent' };
    for (const name of TEAM_SETTINGS) {
      const value = team[name];
      if (value) props[name] = stripODataKeys(value);
    }
    return { status: 'present', id: groupId, ids: teamIds(parentIds, groupId), facts, props };
  },

  async create(resource, { tenant, parentIds, progress }) {
    const groupId = parentIds.groupId;
    if (!groupId) throw new Error('the team site has no group id');
    const p = resource.props;
    const settings = statedSettings(p);
    const body = {
      'template@odata.bind': tenant.graph.url(`/teamsTemplates('standard')`),
      'group@odata.bind': tenant.graph.url(`/groups('${groupId}')`),
      ...settings,
    };
    // A group younger than a few minutes may not have replicated to Teams yet: the POST answers
    // 404, which means nothing was created, so it is retried (bounded), never blindly.
    const answer = await waitUntil(
      `group ${groupId} to be known to Teams`,
      async () => {
        try {
          return await tenant.graph.request<AsyncOperation>('POST', '/teams', body);
        } catch (error) {
          if (isNotFound(error)) {
            progress('the group is not known to Teams yet; retrying');
            return undefined;
          }
          if (isConflict(error)) return { status: 409 };
          throw error;
        }
      },
      { firstMs: 1000, maxMs: 10_000, timeoutMs: TEAM_CREATE_TIMEOUT_MS },
    );
    if (answer.status === 202 && answer.location) {
      progress('team creation accepted; polling its operation');
      await pollOperation(tenant, answer.location, parseRetryAfter(answer.retryAfter));
    }
    // Readiness: the team answers GET once its creation has completed.
    await waitUntil(`team ${groupId}`, () => tenant.graph.find<GraphTeam>(`/teams/${groupId}?$select=id`), {
      firstMs: 250,
      maxMs: 5000,
      timeoutMs: TEAM_CREATE_TIMEOUT_MS,
    });
    // Settings are written explicitly: creation from a group does not always honour them.
    if (Object.keys(settings).length > 0) await tenant.graph.patch(`/teams/${groupId}`, settings);
    return { id: groupId, ids: teamIds(parentIds, groupId), facts: teamFacts(p) };
  },

  async update(resource, id, _ids, changed, { tenant }) {
    const patch: Record<string, unknown> = {};
    for (const name of TEAM_SETTINGS) {
      const value = resource.props[name];
      if (changed.includes(name) && value) patch[name] = value;
    }
    if (Object.keys(patch).length > 0) await tenant.graph.patch(`/teams/${id}`, patch);
  },
};

/**
 * Polls a teamsAsyncOperation (`/teams('…')/operations('…')`) until it succeeds or fails. The
 * operation's documentation asks callers to "wait >30 seconds between checks"
 * (teamsasyncoperation resource type), so: the first check when the service asks (`Retry-After`),
 * else soon (a second: a fast tenant may be done) while this run has seen such checks succeed
 * (../shared/at-once-checks.ts; on a tenant whose teams take a minute, the soon check never
 * does), else after POLL_GAP_MS; then POLL_GAP_MS apart, longer when the service asks; bounded.
 * (Checks 1 to 10 s apart made about ten a team; a soon check for every team about one more.)
 */
async function pollOperation(tenant: TenantClient, location: string, retryAfterMs: number | undefined): Promise<void> {
  const graph = tenant.graph;
  const path = location.replace(/^https:\/\/graph\.microsoft\.com\/v1\.0/i, '');
  // Waits the service asks for (Retry-After) are real time; ours are engine time.
  const deadline = Date.now() + realMs(TEAM_CREATE_TIMEOUT_MS);
  const soon = retryAfterMs === undefined ? atOnceChecksOf(tenant, 'team operation') : undefined;
  // Whether the first check is the sample's soon one, whose outcome the run's record needs.
  let sampled = soon !== undefined && (await soon.shouldCheck());
  let wait = retryAfterMs ?? (sampled ? realMs(1000) : realMs(POLL_GAP_MS));
  for (;;) {
    await sleepReal(wait);
    let op: AsyncOperation = {};
    let status = ''; // a check that failed found nothing
    try {
      const answer = await graph.request<AsyncOperation>('GET', path);
      op = answer.body ?? {};
      status = (op.status ?? '').toLowerCase();
      wait = Math.max(parseRetryAfter(answer.retryAfter) ?? 0, realMs(POLL_GAP_MS));
    } finally {
      if (sampled) soon!.record(status === 'succeeded' || status === 'failed');
      sampled = false;
    }
    if (status === 'succeeded') return;
    if (status === 'failed') throw new Error(`team creation failed: ${op.error?.code ?? 'error'}: ${op.error?.message ?? 'no details'}`);
    if (Date.now() + wait > deadline) throw new Error(`gave up waiting for the team operation ${location}`);
  }
}

/** The wait between two checks of a team's operation: more than the 30 s its documentation asks. */
const POLL_GAP_MS = 31_000;

function statedSettings(p: TeamProps): Record<string, TeamSettings> {
  const out: Record<string, TeamSettings> = {};
  for (const name of TEAM_SETTINGS) {
    const value = p[name];
    if (value) out[name] = value;
  }
  return out;
}

function stripODataKeys(value: TeamSettings): TeamSettings {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('@odata')));
}

/** Ids the team's children need: the team id (= group id) and the site ids (library tabs). */
function teamIds(parentIds: ResourceIds, teamId: string): ResourceIds {
  return {
    teamId,
    groupId: teamId,
    ...(parentIds.siteId ? { siteId: parentIds.siteId } : {}),
    ...(parentIds.webUrl ? { webUrl: parentIds.webUrl } : {}),
  };
}

/** The team's facts: the number of owners the blueprint declares for it (the members' last-owner check). */
function teamFacts(p: TeamProps): TeamFacts {
  return { declaredOwners: (p.owners ?? []).length };
}
