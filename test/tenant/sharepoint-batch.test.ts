/**
 * SharePoint REST writes to one web go out in one `$batch` (src/tenant/sharepoint-batcher.ts),
 * through PnPjs, the transport and the local tenant, and never-create-twice holds part by part:
 * a part whose answer is lost is ambiguous and not sent again, a throttled part goes again alone.
 * Each fault test proves its fault happened (the local tenant's fault counters) and asserts on
 * the columns the tenant holds afterwards.
 */
import { expect, test } from 'vitest';
import '@pnp/sp/fields/index.js';
import { withLocalTarget } from '../support/apply-run.ts';
import { isAmbiguous, TenantError } from '../../src/model/tenant-error.ts';
import type { LocalBehaviour, Target } from '../../src/tenant/target.ts';

const NAMES = ['BatchA', 'BatchB', 'BatchC', 'BatchD', 'BatchE', 'BatchF'];

function fieldXml(name: string): string {
  return `<Field Type="Text" Name="${name}" StaticName="${name}" DisplayName="${name}" Group="Batch test" />`;
}

/** Creates the six columns on the root web at once; each promise's outcome, in order. */
async function createAll(target: Target): Promise<PromiseSettledResult<unknown>[]> {
  const web = target.client.sp.web(`https://${target.client.sharepointHost}`).web;
  return Promise.allSettled(NAMES.map((name) => web.fields.createFieldAsXml(fieldXml(name))));
}

/** The test columns the root web holds, by internal name, with how many of each. */
async function columnsOnRoot(target: Target): Promise<Record<string, number>> {
  const fields = await target.client.sp.web(`https://${target.client.sharepointHost}`).web.fields.select('InternalName').filter("Group eq 'Batch test'")<{ InternalName: string }[]>();
  const out: Record<string, number> = {};
  for (const f of fields) out[f.InternalName] = (out[f.InternalName] ?? 0) + 1;
  return out;
}

function batchRequests(target: Target): number {
  return target.localTenant!.stats().byOperation['SP POST $batch'] ?? 0;
}

test('six writes to one web go in one $batch, and each column is made once', async () => {
  await withLocalTarget('sp-batch', async (target) => {
    const results = await createAll(target);
    expect(results.map((r) => r.status)).toEqual(NAMES.map(() => 'fulfilled'));
    expect(target.client.sp.batchStats).toMatchObject({ batches: 1, batched: 6, retriedAlone: 0 });
    expect(batchRequests(target)).toBe(1);
    expect(await columnsOnRoot(target)).toEqual(Object.fromEntries(NAMES.map((n) => [n, 1])));
  });
});

test('a part whose answer is lost after it ran is ambiguous and not sent again; the others succeed', async () => {
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'POST /_api/web/fields/createfieldasxml', nth: 3, fault: 'commit-then-504' }] };
  await withLocalTarget('sp-batch-504', async (target) => {
    const results = await createAll(target);
    expect(target.localTenant!.stats().faults.byKind).toEqual({ 'commit-then-504': 1 });
    const third = results[2]!;
    expect(third.status).toBe('rejected');
    expect(isAmbiguous((third as PromiseRejectedResult).reason)).toBe(true);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(batchRequests(target)).toBe(1);
    // the third ran (its answer was lost): every column exists, once
    expect(await columnsOnRoot(target)).toEqual(Object.fromEntries(NAMES.map((n) => [n, 1])));
  }, { faults });
});

test('a batch whose connection breaks: every create in it is ambiguous, none is sent again', async () => {
  // the second part's fault resets the connection before it runs: the first ran, the rest did not
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'POST /_api/web/fields/createfieldasxml', nth: 2, fault: 'reset' }] };
  await withLocalTarget('sp-batch-reset', async (target) => {
    const results = await createAll(target);
    expect(target.localTenant!.stats().faults.byKind).toEqual({ reset: 1 });
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const reason = (r as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(TenantError);
      expect(isAmbiguous(reason)).toBe(true);
    }
    expect(batchRequests(target)).toBe(1);
    expect(target.client.sp.batchStats.retriedAlone).toBe(0);
    expect(await columnsOnRoot(target)).toEqual({ BatchA: 1 });
  }, { faults });
});

test('a throttled part was not run: it goes again alone after its Retry-After and is made once', async () => {
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'POST /_api/web/fields/createfieldasxml', nth: 4, fault: '429', retryAfter: 1 }] };
  await withLocalTarget('sp-batch-429', async (target) => {
    const results = await createAll(target);
    expect(target.localTenant!.stats().faults.byKind).toEqual({ '429': 1 });
    expect(results.map((r) => r.status)).toEqual(NAMES.map(() => 'fulfilled'));
    expect(target.client.sp.batchStats).toMatchObject({ batches: 1, batched: 6, retriedAlone: 1 });
    // parts are counted under their batch: this is the throttled one, sent again alone
    expect(target.localTenant!.stats().byOperation['SP POST web/fields/createfieldasxml']).toBe(1);
    expect(await columnsOnRoot(target)).toEqual(Object.fromEntries(NAMES.map((n) => [n, 1])));
  }, { faults });
});

test('writes to two webs go in two batches; a lone write goes alone', async () => {
  await withLocalTarget('sp-batch-webs', async (target) => {
    const host = target.client.sharepointHost;
    const graph = target.client.graph;
    const g = (await graph.post('/groups', { displayName: 'Batch web', mailNickname: 'batch-web', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] })) as { id: string };
    let site: { webUrl: string } | undefined;
    for (let i = 0; i < 50 && !site; i++) site = await graph.get<{ webUrl: string }>(`/groups/${g.id}/sites/root`).catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 100)));
    const other = target.client.sp.web(site!.webUrl).web;
    const root = target.client.sp.web(`https://${host}`).web;
    await Promise.all([root.fields.createFieldAsXml(fieldXml('RootOne')), root.fields.createFieldAsXml(fieldXml('RootTwo')), other.fields.createFieldAsXml(fieldXml('SiteOne')), other.fields.createFieldAsXml(fieldXml('SiteTwo'))]);
    expect(target.client.sp.batchStats).toMatchObject({ batches: 2, batched: 4 });
    await root.fields.createFieldAsXml(fieldXml('RootAlone'));
    expect(target.client.sp.batchStats).toMatchObject({ batches: 2, batched: 4 });
    expect(batchRequests(target)).toBe(2);
    expect(await columnsOnRoot(target)).toEqual({ RootOne: 1, RootTwo: 1, RootAlone: 1 });
  });
});

test('25 writes to one web at once: a batch of 20, then one of 5', async () => {
  await withLocalTarget('sp-batch-many', async (target) => {
    const web = target.client.sp.web(`https://${target.client.sharepointHost}`).web;
    const names = Array.from({ length: 25 }, (_, i) => `Many${i}`);
    await Promise.all(names.map((name) => web.fields.createFieldAsXml(fieldXml(name))));
    expect(target.client.sp.batchStats).toMatchObject({ batches: 2, batched: 25 });
    expect(batchRequests(target)).toBe(2);
    expect(await columnsOnRoot(target)).toEqual(Object.fromEntries(names.map((n) => [n, 1])));
  });
});

test("reads of one web at once go in one $batch with a write between them, each answered as it is alone, in order", async () => {
  await withLocalTarget('sp-batch-reads', async (target) => {
    const web = target.client.sp.web(`https://${target.client.sharepointHost}`).web;
    const reads = [
      () => web.select('Title')<{ Title: string }>(),
      () => web.regionalSettings.select('LocaleId')<{ LocaleId: number }>(),
      () => web.lists.getByTitle('No such list')<unknown>().then(() => 'found', (e: unknown) => `refused ${(e as TenantError).status}`),
    ];
    const alone: unknown[] = [];
    for (const read of reads) alone.push(await read()); // one at a time: each goes alone
    expect(alone[2]).toBe('refused 404');
    expect(target.client.sp.batchStats).toMatchObject({ batches: 0, batched: 0 });
    const [title, settings, missing] = reads.map((read) => read());
    const write = web.fields.createFieldAsXml(fieldXml('BetweenReads'));
    const [fields] = [web.fields.select('InternalName').filter("Group eq 'Batch test'")<{ InternalName: string }[]>()];
    expect(await Promise.all([title, settings, missing])).toEqual(alone);
    await write;
    // the read sent after the write in the same batch ran after it
    expect((await fields).map((f) => f.InternalName)).toEqual(['BetweenReads']);
    expect(target.client.sp.batchStats).toMatchObject({ batches: 1, batched: 5, retriedAlone: 0 });
    expect(batchRequests(target)).toBe(1);
  });
});

test('a read in a $batch answered a passing failure (504) is read again alone and answered as it is alone', async () => {
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'GET /_api/web/regionalsettings', fault: '504' }] };
  await withLocalTarget('sp-batch-read-504', async (target) => {
    const web = target.client.sp.web(`https://${target.client.sharepointHost}`).web;
    const [title, settings] = await Promise.all([web.select('Title')<{ Title: string }>(), web.regionalSettings.select('LocaleId')<{ LocaleId: number }>()]);
    // the fault met the read inside the batch, and the read went again alone
    expect(target.localTenant!.stats().faults.byKind).toEqual({ '504': 1 });
    expect(target.client.sp.batchStats).toMatchObject({ batches: 1, batched: 2, retriedAlone: 1 });
    expect(title.Title).toBeTruthy();
    expect(settings).toEqual(await web.regionalSettings.select('LocaleId')<{ LocaleId: number }>());
  }, { faults });
});

test('the local tenant refuses a batch with a read inside a changeset, as OData v3 does (a changeset carries writes only)', async () => {
  await withLocalTarget('sp-batch-get-in-changeset', async (target) => {
    const host = target.client.sharepointHost;
    const body = [
      '--batch_1',
      'Content-Type: multipart/mixed; boundary="changeset_1"',
      '',
      '--changeset_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `GET https://${host}/_api/web HTTP/1.1`,
      'Accept: application/json;odata=nometadata',
      '',
      '--changeset_1--',
      '--batch_1--',
      '',
    ].join('\n');
    const token = await target.client.tokens.token(`https://${host}`);
    const answer = await fetch(`https://${host}/_api/$batch`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'multipart/mixed; boundary=batch_1' }, body });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('not a valid multipart/mixed message');
  });
});
