/**
 * Apply under the local tenant's faults. Creates whose write commits and whose answer is then
 * lost (a reset, a 504) are adopted by natural key: nothing exists twice and the plan converges.
 * Throttling and failed reads never show up in a plan as drift or as a create.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { LocalBehaviour, Target } from '../../src/tenant/target.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: faults
sites:
  - url: /sites/faulty
    type: team
    title: Faulty
    owners: [anna.andersson@contoso.onmicrosoft.com]
    columns:
      - { name: FaultCase, type: text }
    lists:
      - url: Handlingar
        title: Alla handlingar
        template: documentLibrary
        columns:
          - { name: FaultStep, type: choice, choices: [A, B] }
    team:
      channels:
        - { name: General }
        - { name: Projekt, description: Projekt }
  - url: /sites/faulty-entry
    type: communication
    title: Faulty entry
    owner: anna.andersson@contoso.onmicrosoft.com
`;

/** The group, the list, the column and the channel the blueprint makes exist once each (none numbered away, none made twice). */
async function expectEachOnce(target: Target): Promise<void> {
  const groups = await target.client.graph.get<{ value: { id: string }[] }>(`/groups?$filter=startswith(mailNickname,'faulty')`);
  expect(groups.value).toHaveLength(1);
  const site = await target.client.graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/faulty`);
  const lists = await target.client.graph.list<{ name: string }>(`/sites/${site.id}/lists?$select=name`);
  expect(lists.filter((l) => l.name.startsWith('Handlingar')).map((l) => l.name)).toEqual(['Handlingar']);
  const columns = await target.client.graph.list<{ name: string }>(`/sites/${site.id}/columns?$select=name`);
  expect(columns.filter((c) => c.name.startsWith('FaultCase')).map((c) => c.name)).toEqual(['FaultCase']);
  const channels = await target.client.graph.list<{ displayName: string }>(`/teams/${groups.value[0]!.id}/channels`);
  expect(channels.filter((c) => c.displayName.startsWith('Projekt'))).toHaveLength(1);
}

test('creates that commit and then lose their answer are adopted, never made twice', async () => {
  const desired = await desiredOf(text, 'faults.yaml');
  const faults: LocalBehaviour['faults'] = {
    plan: [
      { request: 'POST /groups', fault: 'commit-then-reset' },
      { request: 'POST /sites/faulty-entry/_api/SPSiteManager/create', fault: 'commit-then-504' },
      { request: 'POST /_api/SPSiteManager/create', fault: 'commit-then-504' },
      { request: 'POST /sites/faulty/_api/web/lists/add', fault: 'commit-then-reset' },
      { request: 'POST /sites/faulty/_api/web/fields/createfieldasxml', fault: 'commit-then-504' },
      { request: 'POST /teams/*/channels', fault: 'commit-then-reset' },
    ],
  };
  await withLocalTarget('faults', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 8, onEvent: (e) => events.push(e) });
    expect(result.failed).toEqual([]);
    const adopted = events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address);
    expect(adopted).toEqual(expect.arrayContaining(['site[/sites/faulty]', 'site[/sites/faulty]/list[Handlingar]', 'site[/sites/faulty]/team/channel[Projekt]']));

    await expectEachOnce(target);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults });
});

test('a group adopted after its create lost its answer is waited for as its create waits: its site, then what goes in it', async () => {
  const adoptedText = `version: 1
name: adopted-group
sites:
  - url: /sites/adopted
    type: team
    title: Adopted
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - { url: Handlingar, template: documentLibrary }
`;
  const desired = await desiredOf(adoptedText, 'adopted.yaml');
  // The group's create commits and its answer is lost; its site appears 90 s (simulated) later,
  // so the lookup that adopts the group finds no site yet.
  const behaviour: LocalBehaviour = {
    timeScale: 1000,
    async: { groupSite: { medianMs: 90_000, sigma: 0, maxMs: 90_000 } },
    faults: { plan: [{ request: 'POST /groups', fault: 'commit-then-reset' }] },
  };
  await withLocalTarget('adopted-group', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 8, onEvent: (e) => events.push(e) });
    expect(target.localTenant!.stats().faults.byKind).toEqual({ 'commit-then-reset': 1 });
    expect(events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address)).toEqual(['site[/sites/adopted]']);
    expect(result.failed).toEqual([]);
    expect(result.pending).toEqual([]);
    const site = await target.client.graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/adopted`);
    const lists = await target.client.graph.list<{ name: string }>(`/sites/${site.id}/lists?$select=name`);
    expect(lists.map((l) => l.name)).toContain('Handlingar');
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, behaviour);
});

test('throttling and failing reads never show up in a plan as drift or as a create', async () => {
  const desired = await desiredOf(text, 'faults.yaml');
  const cwd = await mkdtemp(join(tmpdir(), 'provision-throttled-'));
  await withLocalTarget('throttled', async (target) => {
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 8 });
    expect(result.failed).toEqual([]);
  }, {}, cwd);
  // The same tenant with a tiny SharePoint budget (a few requests a simulated minute), a clock
  // 200x, every $batch failing (so reads go one by one) and every read of a site's lists failing
  // with 503 until the retries give up.
  const behaviour: LocalBehaviour = {
    timeScale: 200,
    throttle: { sharepoint: { perMinute: 40 } },
    faults: {
      plan: [
        { request: 'POST /$batch', fault: '503', count: 0 },
        { request: 'GET /sites/*/lists', fault: '503', count: 0 },
      ],
    },
  };
  await withLocalTarget('throttled', async (target) => {
    const plan = await planDesired(desired, target.client, target.name);
    const actions = new Set(plan.changes.map((c) => c.action));
    expect([...actions].every((a) => a === 'noop' || a === 'unknown')).toBe(true);
    expect(plan.summary).toMatchObject({ add: 0, change: 0, destroy: 0 });
    expect(plan.changes.find((c) => c.address === 'site[/sites/faulty]/list[Handlingar]')?.action).toBe('unknown');
    expect(target.client.transport.stats.throttled + target.client.transport.stats.retried).toBeGreaterThan(0);
  }, behaviour, cwd);
});

test('creates answered 503 with a Retry-After (a throttle: never run) are sent again and made once, none adopted', async () => {
  const desired = await desiredOf(text, 'faults.yaml');
  const faults: LocalBehaviour['faults'] = {
    retryAfter: 1,
    plan: [
      { request: 'POST /groups', fault: '503-retry-after' },
      { request: 'POST /_api/SPSiteManager/create', fault: '503-retry-after' },
      { request: 'POST /sites/faulty/_api/web/lists/add', fault: '503-retry-after' },
      { request: 'POST /sites/faulty/_api/web/fields/createfieldasxml', fault: '503-retry-after' },
      { request: 'POST /teams/*/channels', fault: '503-retry-after' },
    ],
  };
  await withLocalTarget('throttled-creates', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 8, onEvent: (e) => events.push(e) });
    // the event happened: the local tenant answered throttles to creates
    expect(target.localTenant!.stats().faults.byKind['503-retry-after']).toBeGreaterThanOrEqual(4);
    expect(result.failed).toEqual([]);
    expect(events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address)).toEqual([]);
    await expectEachOnce(target);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults });
});

test('reads that meet a passing failure are read again: a term store query (a POST that only reads) and a read in a $batch', async () => {
  const termsText = `version: 1
name: passing-faults
termStore:
  groups:
    - name: Passing
      termSets:
        - name: Steps
          terms: [{ name: Open }, { name: Closed }]
sites:
  - url: /sites/passing
    type: communication
    title: Passing
    owner: anna.andersson@contoso.onmicrosoft.com
    settings: { localeId: 1053, timeZoneId: 4 }
`;
  const desired = await desiredOf(termsText, 'passing-faults.yaml');
  const cwd = await mkdtemp(join(tmpdir(), 'provision-passing-'));
  await withLocalTarget('passing', async (target) => {
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 8 });
    expect(result.failed).toEqual([]);
  }, {}, cwd);
  // The term store's first query is answered 503 without a Retry-After, then its connection is
  // reset; the site's regional settings, read in one $batch with its time zone, answer 504.
  const faults: LocalBehaviour['faults'] = {
    plan: [
      { request: 'POST /_vti_bin/client.svc/ProcessQuery', fault: '503' },
      { request: 'POST /_vti_bin/client.svc/ProcessQuery', nth: 2, fault: 'reset' },
      { request: 'GET /sites/passing/_api/web/regionalsettings', fault: '504' },
    ],
  };
  await withLocalTarget('passing', async (target) => {
    const plan = await planDesired(desired, target.client, target.name);
    // the faults met the reads
    expect(target.localTenant!.stats().faults.byKind).toEqual({ '503': 1, reset: 1, '504': 1 });
    expect(plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([]);
    expect(isEmptyPlan(plan)).toBe(true);
  }, { faults }, cwd);
});

test('a create that got no answer and is not found is sent again where the service refuses a second one under its key, and made once; so is the ownership ledger\'s list', async () => {
  const uniqueText = `version: 1
name: unique-keys
sites:
  - url: /sites/uniq
    type: communication
    title: Uniq
    owner: anna.andersson@contoso.onmicrosoft.com
    columns:
      - { name: UniqCase, type: text }
    lists:
      - { url: Handlingar, title: Alla handlingar, template: documentLibrary }
      - { url: Uppgifter, template: genericList }
    permissions:
      groups:
        - { name: Uniq handläggare, owner: anna.andersson@contoso.onmicrosoft.com }
      assignments:
        - { principal: Uniq handläggare, roles: [Read] }
`;
  const desired = await desiredOf(uniqueText, 'unique.yaml');
  // Each create's connection is reset before it runs (nothing is made), or answered 503 without
  // a Retry-After (not run); none of them is found afterwards. The first list made through Graph
  // is the ownership ledger's, for the apply lease in the root site: made before anything else.
  const faults: LocalBehaviour['faults'] = {
    plan: [
      { request: 'POST /sites/uniq/_api/web/lists/add', fault: 'reset' },
      { request: 'POST /sites/{id}/lists', fault: 'reset' },
      { request: 'POST /sites/uniq/_api/web/fields/createfieldasxml', fault: '503' },
      { request: 'POST /sites/uniq/_api/web/sitegroups', fault: 'reset' },
      { request: 'POST /sites/uniq/_api/web/roleassignments/*', fault: 'reset' },
    ],
  };
  await withLocalTarget('unique-keys', async (target) => {
    const events: ApplyEvent[] = [];
    const result = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 8, onEvent: (e) => events.push(e) });
    const byKind = target.localTenant!.stats().faults.byKind;
    expect(byKind.reset).toBeGreaterThanOrEqual(4);
    expect(byKind['503']).toBe(1);
    expect(result.failed).toEqual([]);
    const sentAgain = events.filter((e) => e.type === 'progress' && /sending it once more/.test(e.message)).map((e) => e.address);
    expect(sentAgain).toEqual(expect.arrayContaining(['site[/sites/uniq]/list[Handlingar]', 'site[/sites/uniq]/column[UniqCase]', 'site[/sites/uniq]/group[Uniq handläggare]', 'site[/sites/uniq]/roleAssignment[Uniq handläggare]']));
    const site = await target.client.graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/uniq`);
    const lists = await target.client.graph.list<{ name: string }>(`/sites/${site.id}/lists?$select=name`);
    expect(lists.filter((l) => /^(Handlingar|Uppgifter)/.test(l.name)).map((l) => l.name).sort()).toEqual(['Handlingar', 'Uppgifter']);
    const columns = await target.client.graph.list<{ name: string }>(`/sites/${site.id}/columns?$select=name`);
    expect(columns.filter((c) => c.name.startsWith('UniqCase')).map((c) => c.name)).toEqual(['UniqCase']);
    const groups = await target.client.sp.web(`https://${target.client.sharepointHost}/sites/uniq`).web.siteGroups.select('Title')<{ Title: string }[]>();
    expect(groups.filter((g) => g.Title.startsWith('Uniq handläggare'))).toHaveLength(1);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults });
});

test("a view's fields, set by a sequence of POSTs of which one loses its answer, are set again from the start and end exactly as declared", async () => {
  const viewText = (columns: string) => `version: 1
name: view-fields
sites:
  - url: /sites/vf
    type: communication
    title: View fields
    owner: anna.andersson@contoso.onmicrosoft.com
    lists:
      - url: Arenden
        template: documentLibrary
        columns: [{ name: CaseStep, type: text }]
        views:
          - { name: Steg, columns: [${columns}] }
`;
  const cwd = await mkdtemp(join(tmpdir(), 'provision-view-fields-'));
  await withLocalTarget('view-fields', async (target) => {
    const result = await applyRun(target, await planDesired(await desiredOf(viewText('DocIcon, LinkFilename'), 'view-fields.yaml'), target.client, target.name), { concurrency: 4 });
    expect(result.failed).toEqual([]);
  }, {}, cwd);
  // The update sets the fields: removeallviewfields, then one addviewfield a column; the second
  // column's answer is lost after it ran.
  const desired = await desiredOf(viewText('DocIcon, LinkFilename, CaseStep, Modified'), 'view-fields.yaml');
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'POST /sites/vf/_api/web/*/*/viewfields/*', nth: 3, fault: 'commit-then-reset' }] };
  await withLocalTarget('view-fields', async (target) => {
    const plan = await planDesired(desired, target.client, target.name);
    expect(plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual(['update site[/sites/vf]/list[Arenden]/view[Steg]']);
    const result = await applyRun(target, plan, { concurrency: 4 });
    expect(target.localTenant!.stats().faults.byKind).toEqual({ 'commit-then-reset': 1 });
    expect(result.failed).toEqual([]);
    const web = target.client.sp.web(`https://${target.client.sharepointHost}/sites/vf`).web;
    const fields = await web.lists.getByTitle('Arenden').views.getByTitle('Steg').fields<{ Items: string[] }>();
    expect(fields.Items).toEqual(['DocIcon', 'LinkFilename', 'CaseStep', 'Modified']);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults }, cwd);
});

test("a group's member added and a level bound whose answers are lost after they ran are written again and end as declared", async () => {
  const text = (members: string, role: string) => `version: 1
name: write-again
sites:
  - url: /sites/wa
    type: communication
    title: Write again
    owner: anna.andersson@contoso.onmicrosoft.com
    permissions:
      groups:
        - { name: Granskare, owner: anna.andersson@contoso.onmicrosoft.com, members: [${members}] }
      assignments:
        - { principal: Granskare, roles: [${role}] }
`;
  const cwd = await mkdtemp(join(tmpdir(), 'provision-write-again-'));
  await withLocalTarget('write-again', async (target) => {
    const result = await applyRun(target, await planDesired(await desiredOf(text('sara.svensson@contoso.onmicrosoft.com', 'Read'), 'wa.yaml'), target.client, target.name), { concurrency: 4 });
    expect(result.failed).toEqual([]);
  }, {}, cwd);
  const desired = await desiredOf(text('sara.svensson@contoso.onmicrosoft.com, erik.johansson@contoso.onmicrosoft.com, lena.pettersson@contoso.onmicrosoft.com', 'Contribute'), 'wa.yaml');
  // the first member add and the first level bound run, and their answers are lost
  const faults: LocalBehaviour['faults'] = {
    plan: [
      { request: 'POST /sites/wa/_api/web/*/users', fault: 'commit-then-reset' },
      { request: 'POST /sites/wa/_api/web/roleassignments/*', fault: 'commit-then-reset' },
    ],
  };
  await withLocalTarget('write-again', async (target) => {
    const plan = await planDesired(desired, target.client, target.name);
    expect(plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`).sort()).toEqual(['update site[/sites/wa]/group[Granskare]', 'update site[/sites/wa]/roleAssignment[Granskare]']);
    const result = await applyRun(target, plan, { concurrency: 4 });
    expect(target.localTenant!.stats().faults.byKind).toEqual({ 'commit-then-reset': 2 });
    expect(result.failed).toEqual([]);
    const web = `https://${target.client.sharepointHost}/sites/wa`;
    const groups = (await target.client.sp.query(web, '_api/web/siteGroups').select('Title', 'Id')()) as { Title: string; Id: number }[];
    const id = groups.find((g) => g.Title === 'Granskare')!.Id;
    const users = (await target.client.sp.query(web, `_api/web/siteGroups(${id})/users`).select('UserPrincipalName')()) as { UserPrincipalName: string }[];
    expect(users.map((u) => u.UserPrincipalName.toLowerCase()).sort()).toEqual(['erik.johansson@contoso.onmicrosoft.com', 'lena.pettersson@contoso.onmicrosoft.com', 'sara.svensson@contoso.onmicrosoft.com']);
    const bound = (await target.client.sp.query(web, `_api/web/roleAssignments/getByPrincipalId(${id})/roleDefinitionBindings`).select('Name')()) as { Name: string }[];
    expect(bound.map((b) => b.Name)).toEqual(['Contribute']);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults }, cwd);
});
