/**
 * The effects of a team site: a Microsoft 365 group (groupTypes Unified) and its group-connected
 * SharePoint site. Read and written through Microsoft Graph: the group by its mailNickname (many
 * names a request: group-lookup.ts), its owners, and the group's root site (which the service
 * creates some time after the group).
 *
 * `title` and `description` denote both the group's and its site's (the web's): SharePoint lets
 * a site owner change the web's title and description without touching the group, and the site
 * is what people see. Both are read (the site's through Graph `/groups/{id}/sites/root`); either
 * one differing is drift, shown with the value that differs; an update writes the group (Graph
 * PATCH) and the web (SharePoint REST MERGE `_api/web`), so neither waits on the service's sync.
 */
import type { ObservedState } from '../../model/observed.ts';
import type { GraphFace } from '../../tenant/graph-client.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { KindEffects, ReadContext, SiteProbes } from '../kind-effects.ts';
import type { TeamSiteProps } from './model.ts';
import { rememberSiteTitle } from '../shared/own-site-groups.ts';
import { waitUntil } from '../shared/wait-until.ts';
import { realMs } from '../../time/engine-time.ts';
import { groupSiteSightingsOf } from './group-site-sightings.ts';
import { atOnceChecksOf } from '../shared/at-once-checks.ts';
import { rememberBoundOwners, runMemoOf } from '../shared/run-memo.ts';
import { requireUserId } from '../shared/teams-common.ts';
import { groupLookups } from './group-lookup.ts';
import { siteElsewhere, siteNotNamedSo } from './site-url.ts';
import { urlHolder } from './url-holder.ts';
import { recycledAtUrls, recycledReason } from '../shared/recycle-bin.ts';
import { serverRelativePath } from '../shared/server-relative.ts';
import { MadeOtherwiseError } from '../../model/made-otherwise.ts';
import { ROSTER_FIELDS, rosterOf, type RosterEntry } from '../shared/group-roster.ts';
import { addDirectoryRef, GROUP_LOOKUP_LAG, RECORDED_GROUP_WAIT_MS, retryWithin } from '../shared/directory-lag.ts';

interface GraphGroup {
  id: string;
  displayName: string;
  description: string | null;
  visibility: string | null;
  mailNickname: string;
}
interface GraphSite {
  id: string;
  webUrl: string;
  displayName?: string | null;
  description?: string | null;
}

/**
 * The observed value of a property held by the group and by the web: the first of them that
 * differs from the stated value (so drift on either side shows), else the group's.
 */
function eitherSide(stated: string | undefined, group: string, web: string | undefined): string {
  if (stated === undefined) return group;
  if (group !== stated) return group;
  return web !== undefined && web !== stated ? web : group;
}

/**
 * Why a group cannot be made with `nick` when a deleted group holds it (undefined when none does):
 * a deleted group keeps its mailNickname, and its site its URL, until it is restored or deleted
 * permanently (Entra purges it 30 days after the delete), so a create would fail. The deleted
 * groups are read once a plan (`$select=id,mailNickname,deletedDateTime`, 999 a page), and only
 * when a team site is absent; the read after a refused create says so too (src/apply/create-once.ts
 * takes it as the refusal's reason).
 */
async function heldByDeletedGroup(ctx: ReadContext, nick: string): Promise<string | undefined> {
  const deleted = await ctx.memo('deletedGroups', async () => {
    const all = await ctx.tenant.graph.list<{ id: string; mailNickname?: string | null; deletedDateTime?: string | null }>(
      '/directory/deletedItems/microsoft.graph.group?$select=id,mailNickname,deletedDateTime&$top=999',
    );
    return new Map(all.filter((g) => g.mailNickname).map((g) => [g.mailNickname!.toLowerCase(), g]));
  });
  const holder = deleted.get(nick.toLowerCase());
  if (!holder) return undefined;
  const when = holder.deletedDateTime ? `, deleted ${holder.deletedDateTime.slice(0, 10)}` : '';
  return `a deleted group (${holder.id}${when}) holds the mailNickname '${nick}', and its site the URL: a new group cannot take them until it is restored (with its site and team; the next plan then finds it) or deleted permanently (Entra purges it 30 days after the delete): Entra admin center > Groups > Deleted groups, or Graph POST /directory/deletedItems/${holder.id}/restore or DELETE /directory/deletedItems/${holder.id}`;
}

export const teamSiteEffects: KindEffects<'teamSite'> = {
  async delete(_address, _before, id, _ids, { tenant }) {
    // The group goes to deleted items with its site; its name stays taken until purged.
    await tenant.graph.delete(`/groups/${id}`);
  },
  lookupLag: GROUP_LOOKUP_LAG,

  async read(resource, ctx): Promise<ObservedState<'teamSite'>> {
    const { tenant } = ctx;
    const p = resource.props;
    // The owners come with the group ($expand) when the blueprint states them: one read fewer.
    const expand = p.owners !== undefined ? `&$expand=owners($select=${ROSTER_FIELDS})` : '';
    const listed = await groupLookups<GroupWithOwners>(tenant.graph, `&$select=${GROUP_FIELDS}${expand}`).find(p.mailNickname);
    let group: GraphGroup | undefined = listed ?? (await recordedGroup(ctx, p.mailNickname));
    if (!group) {
      const held = await heldByDeletedGroup(ctx, p.mailNickname);
      if (held) return { status: 'unknown', reason: held };
      // A group gets its site named after its mailNickname: another name is another URL.
      const misnamed = siteNotNamedSo(p.url, p.mailNickname);
      if (misnamed) return { status: 'unknown', reason: misnamed };
      // Not found by its name: the declared URL may be held (a create would put the site
      // elsewhere), or be this group's site while the directory's lookups lag behind it.
      const holder = await urlHolder<GraphGroup>(ctx, p.url, p.mailNickname, GROUP_FIELDS);
      if (!holder) {
        // a site deleted from the URL holds it too, while in the recycle bin (looked up as the live
        // sites are: the URL read for a plan's first few, one listing for the rest)
        const recycled = await (await recycledAtUrls(ctx.memo, tenant, true)).find(p.url);
        return recycled ? { status: 'unknown', reason: recycledReason(p.url, recycled) } : { status: 'absent' };
      }
      if ('reason' in holder) return { status: 'unknown', reason: holder.reason };
      group = holder.group;
    }
    // The owners as the expansion gave them when it was not cut at 20, else read; either way kept
    // in the read memo, where the team's members find them (../shared/group-roster.ts).
    const expanded = listed?.owners && listed.owners.length < EXPANDED_AT_MOST ? listed.owners : undefined;
    const owners = p.owners === undefined ? undefined : upnsOf(await rosterOf(tenant.graph, ctx.memo, group.id, 'owners', expanded));
    const site = await tenant.graph.find<GraphSite>(`/groups/${group.id}/sites/root?$select=id,webUrl,displayName,description`);
    // the site's path, once: compared with the declared url, and the url read
    const at = site && serverRelativePath(site.webUrl);
    const elsewhere = at && siteElsewhere(p.url, at);
    if (elsewhere) return { status: 'unknown', reason: elsewhere };
    const props: Partial<TeamSiteProps> = {
      mailNickname: group.mailNickname,
      title: eitherSide(p.title, group.displayName, site ? (site.displayName ?? '') : undefined),
      description: eitherSide(p.description, group.description ?? '', site ? (site.description ?? '') : undefined),
      ...(group.visibility ? { visibility: group.visibility as TeamSiteProps['visibility'] } : {}),
      ...(owners ? { owners } : {}),
    };
    const ids: Record<string, string> = { groupId: group.id };
    if (site) {
      ids.siteId = site.id;
      ids.webUrl = site.webUrl;
      props.url = at!;
      rememberSiteTitle(ctx.memo, site.webUrl, p.title);
    }
    return { status: 'present', id: group.id, ids, props };
  },

  async create(resource, ctx) {
    const { tenant, progress, siteProbes } = ctx;
    const p = resource.props;
    const users = runMemoOf(ctx);
    const ownerIds = await Promise.all((p.owners ?? []).map((upn) => requireUserId(tenant.graph, upn, users, 'owner')));
    const binds = ownerIds.map((id) => tenant.graph.url(`/users/${id}`));
    const madeAt = Date.now();
    const group = await tenant.graph.post<GraphGroup>('/groups', {
      displayName: p.title,
      ...(p.description ? { description: p.description } : {}),
      mailNickname: p.mailNickname,
      mailEnabled: true,
      securityEnabled: false,
      groupTypes: ['Unified'],
      visibility: p.visibility ?? 'Private',
      ...(binds.length > 0 ? { 'owners@odata.bind': binds.slice(0, OWNERS_BOUND_AT_MOST), 'members@odata.bind': binds.slice(0, OWNERS_BOUND_AT_MOST) } : {}),
    });
    // Graph refuses a create that changes more than 20 links, owners and members together (400
    // "A resource cannot contain more than 20 link changes."): the rest are added one by one.
    for (const bind of binds.slice(OWNERS_BOUND_AT_MOST)) {
      await addDirectoryRef(tenant.graph, group.id, 'owners', bind, progress);
      await addDirectoryRef(tenant.graph, group.id, 'members', bind, progress);
    }
    // The team's memberships of these owners are made already (team-member/effects.ts).
    rememberBoundOwners(ctx, group.id, ownerIds);
    progress('group created; waiting for its SharePoint site');
    const site = await waitForGroupSite(tenant, group.id, siteProbes, madeAt);
    const elsewhere = siteElsewhere(p.url, serverRelativePath(site.webUrl));
    if (elsewhere) throw new MadeOtherwiseError(group.id, `group ${group.id} was created, but ${elsewhere}`);
    return { id: group.id, ids: { groupId: group.id, siteId: site.id, webUrl: site.webUrl } };
  },

  // A group adopted after its create lost its answer (or a killed run made it moments ago) may
  // have no site yet: waited for as the create waits, so that its lists and columns have one.
  async completeAdopted(resource, id, ids, ctx) {
    if (ids.siteId && ids.webUrl) return ids;
    ctx.progress('group adopted; waiting for its SharePoint site');
    const site = await waitForGroupSite(ctx.tenant, id, ctx.siteProbes);
    const elsewhere = siteElsewhere(resource.props.url, serverRelativePath(site.webUrl));
    if (elsewhere) throw new MadeOtherwiseError(id, `group ${id} was adopted, but ${elsewhere}`);
    return { ...ids, groupId: id, siteId: site.id, webUrl: site.webUrl };
  },

  async update(resource, id, ids, changed, ctx) {
    const { tenant, progress } = ctx;
    const p = resource.props;
    const patch: Record<string, unknown> = {};
    if (changed.includes('title')) patch.displayName = p.title;
    if (changed.includes('description')) patch.description = p.description;
    if (changed.includes('visibility')) patch.visibility = p.visibility;
    if (Object.keys(patch).length > 0) await tenant.graph.patch(`/groups/${id}`, patch);
    // The web's own title and description (drift there does not show on the group).
    const web: Record<string, unknown> = {};
    if (changed.includes('title')) web.Title = p.title;
    if (changed.includes('description')) web.Description = p.description ?? '';
    if (Object.keys(web).length > 0 && ids.webUrl) await tenant.sp.web(ids.webUrl!).web.update(web);
    if (changed.includes('owners') && p.owners) {
      const have = new Set(upnsOf(await tenant.graph.list<RosterEntry>(`/groups/${id}/owners?$select=${ROSTER_FIELDS}`)).map((o) => o.toLowerCase()));
      for (const upn of p.owners.filter((o) => !have.has(o.toLowerCase()))) {
        const uid = await requireUserId(tenant.graph, upn, runMemoOf(ctx), 'owner');
        await addDirectoryRef(tenant.graph, id, 'owners', tenant.graph.url(`/users/${uid}`), progress);
      }
    }
  },
};

const GROUP_FIELDS = 'id,displayName,description,visibility,mailNickname';

/**
 * The group the ownership ledger recorded for this team site, when the `$filter` lookup missed
 * it: a group created moments ago is missing from the directory's lookups for a while, but
 * readable by id sooner. Looked for by id within RECORDED_GROUP_WAIT_MS (the id may lag too);
 * one in deleted items, or renamed, is not it. Undefined: nothing recorded, or not found.
 */
async function recordedGroup(ctx: ReadContext, mailNickname: string): Promise<GraphGroup | undefined> {
  const id = await ctx.recorded?.();
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const graph = ctx.tenant.graph;
  const found = await retryWithin(RECORDED_GROUP_WAIT_MS, async () => {
    const group = await graph.find<GraphGroup>(`/groups/${id}?$select=${GROUP_FIELDS}`);
    if (group) return group;
    // Deleted (soft) is gone for certain: no need to wait for the directory.
    return (await graph.find<{ id: string }>(`/directory/deletedItems/${id}?$select=id`)) ? null : undefined;
  });
  return found && found.mailNickname.toLowerCase() === mailNickname.toLowerCase() ? found : undefined;
}

/**
 * The most owners a group's create binds: each is bound as owner and as member, and a create
 * may change at most 20 links in all (Create group: "A maximum of 20 relationships, such as
 * owners and members, can be added as part of group creation").
 */
const OWNERS_BOUND_AT_MOST = 10;

/**
 * The most objects Graph puts in an `$expand` of a group's owners or members (directory objects:
 * 20, and no nextLink): an expansion that long may be cut, so the owners are read in full.
 */
const EXPANDED_AT_MOST = 20;

type GroupWithOwners = GraphGroup & { owners?: RosterEntry[] };

/** The owners that are users (a service principal owns without a user principal name). */
function upnsOf(owners: readonly RosterEntry[]): string[] {
  return owners.flatMap((o) => (o.userPrincipalName ? [o.userPrincipalName] : []));
}

/**
 * A group's site usually appears within minutes (about two); the long tail reaches half an hour.
 * Each probe spends SharePoint's budget (issue 12: probes every 30 s from the start were 3.7 of
 * the 4.4 resource units the benchmark workspace spent above its minimal at 200 workspaces),
 * yet a site found late leaves that budget idle while a rollout starts (its first minutes have
 * no other SharePoint work). So: the first probe at once (a fast tenant has the site; skipped
 * once the run has seen that this tenant is not fast, ../shared/at-once-checks.ts), the next
 * after GROUP_SITE_FIRST_PROBE_MS, then every 15 s until the group is a minute old (the few
 * sites that come that soon are what a rollout's first minute of SharePoint work is made of:
 * issue 12, the benchmark's first minute spent 11 % of its budget with the first probe at a
 * minute, 42 % with these), then every 30 s, the gap growing by a quarter of the time waited
 * beyond the minute (at most a minute) for the long tail, and a minute apart at least while that
 * budget is contended (the work waiting pays for the time).
 * In an apply run, each probe also waits for its turn in the run's window of site probes
 * (`probes`, src/apply/site-probe-window.ts), so that probes come only as fast as SharePoint's
 * budget answers them: while the sites found keep it busy, they find their sites at the first try;
 * once the group is GROUP_SITE_LIKELY_MS old a probe waits for no turn. And while the group is
 * younger than GROUP_SITE_USUAL_FROM_MS (its group made at `madeAt`; unknown for a group adopted),
 * a probe is made only if the run's listing of group sites lists its site
 * (./group-site-sightings.ts: one listing answers for all the young groups, where their probes
 * mostly missed), or if there is no such listing.
 */
async function waitForGroupSite(tenant: TenantClient, groupId: string, probes?: SiteProbes, madeAt?: number): Promise<GraphSite> {
  const graph = tenant.graph;
  const path = `/groups/${groupId}/sites/root?$select=id,webUrl`;
  const atOnce = atOnceChecksOf(tenant, 'group site');
  // From this time on a probe no longer waits for its turn in the window (GROUP_SITE_LIKELY_MS).
  const latest = Date.now() + realMs(GROUP_SITE_LIKELY_MS);
  // The probe at once only where this run's tenant has been seen to have sites that fast.
  let sample = await atOnce.shouldCheck();
  const sightings = madeAt === undefined ? undefined : groupSiteSightingsOf(tenant, GROUP_SITE_USUAL_FROM_MS).watch(groupId, madeAt);
  try {
    return await waitUntil(
      `the SharePoint site of group ${groupId}`,
      async () => {
        if (!sample) return (await sightings?.skipProbe()) ? undefined : graph.find<GraphSite>(path);
        sample = false;
        let site: GraphSite | undefined;
        try {
          site = await graph.find<GraphSite>(path);
        } finally {
          atOnce.record(site !== undefined);
        }
        return site;
      },
      {
        firstWaitMs: sample ? 0 : GROUP_SITE_FIRST_PROBE_MS,
        nextMs: groupSiteProbeGap,
        timeoutMs: 30 * 60_000,
        busy: { when: () => tenant.transport.underPressure(graph.url(path)), waitMs: 60_000 },
        ...(probes ? { gate: () => probes.turn(latest) } : {}),
      },
    );
  } finally {
    sightings?.done();
  }
}

/** The first probe after the one at once: a few sites are there within half a minute (the local tenant's realistic ones: 1 in 40). */
const GROUP_SITE_FIRST_PROBE_MS = 30_000;
/** Until a group is a minute old its site is probed this often: the sites that come soonest start a rollout's SharePoint work. */
const GROUP_SITE_EARLY_GAP_MS = 15_000;
/** From this age on, the usual schedule: 30 s apart, the gap growing with the wait. */
const GROUP_SITE_USUAL_FROM_MS = 60_000;

/**
 * The age of a group (from its create) after which its site's probe no longer waits for a turn
 * in the run's window of probes: the site is very likely there (the local tenant's realistic
 * sites take about two minutes, nine in ten within five), and the group's team, which starts once
 * the site is found, should not wait for the budget to be free of other sites' work (issue 12:
 * runs ended waiting for teams started in their last minutes).
 */
const GROUP_SITE_LIKELY_MS = 5 * 60_000;

/** The wait before the next probe of a group's site, from the time waited since the first. */
function groupSiteProbeGap(waitedMs: number): number {
  if (waitedMs < GROUP_SITE_FIRST_PROBE_MS) return GROUP_SITE_FIRST_PROBE_MS - waitedMs;
  if (waitedMs < GROUP_SITE_USUAL_FROM_MS) return GROUP_SITE_EARLY_GAP_MS;
  return Math.min(60_000, Math.max(30_000, (waitedMs - GROUP_SITE_USUAL_FROM_MS) / 4));
}
