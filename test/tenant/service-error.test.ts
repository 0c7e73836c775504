/**
 * The one parser of service errors (src/tenant/service-error.ts), through the real faces against
 * the local tenant: a Graph answer (plain and inside a $batch) and a SharePoint REST answer made
 * through PnPjs with no wrapper each reject with a TenantError whose code is the service's and
 * whose kind callers test (isNotFound, isConflict), never its words; and the formats the faces
 * meet (Graph, SharePoint JSON light, verbose, OData v4, CSOM ErrorInfo) read alike.
 */
import { SPQueryable, spPost } from '@pnp/sp';
import { body } from '@pnp/queryable';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { isConflict, isNotFound, TenantError } from '../../src/model/tenant-error.ts';
import { csomError, parseServiceError, serviceError } from '../../src/tenant/service-error.ts';
import type { Target } from '../../src/tenant/target.ts';
import { openLocalTarget } from '../support/apply-run.ts';

let target: Target;
beforeAll(async () => {
  target = (await openLocalTarget('service-error')).target;
});
afterAll(async () => {
  await target?.close();
});

async function failure(run: () => Promise<unknown>): Promise<TenantError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TenantError);
  return error as TenantError;
}

test('Graph: a missing object is notFound with the service code, plain and inside a $batch; a taken mailNickname is a conflict', async () => {
  const graph = target.client.graph;
  const plain = await failure(() => graph.request('GET', '/groups/00000000-0000-0000-0000-000000000001'));
  expect([plain.status, isNotFound(plain), plain.retryable]).toEqual([404, true, false]);
  expect(plain.code).toBe('Request_ResourceNotFound');

  const before = graph.batchStats.batches;
  const [a, b, root] = await Promise.allSettled([
    graph.get('/groups/00000000-0000-0000-0000-000000000002'),
    graph.get('/groups/00000000-0000-0000-0000-000000000003'),
    graph.get<{ id: string }>('/sites/root?$select=id'),
  ]);
  expect(graph.batchStats.batches).toBeGreaterThan(before); // they went out in one $batch
  for (const r of [a, b]) {
    const e = (r as PromiseRejectedResult).reason as TenantError;
    expect(e).toBeInstanceOf(TenantError);
    expect([e.status, e.code, isNotFound(e), e.retryable]).toEqual([404, 'Request_ResourceNotFound', true, false]);
  }
  expect(root.status).toBe('fulfilled');

  const group = { displayName: 'Taken', mailNickname: 'service-error-taken', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] };
  await graph.post('/groups', group);
  const taken = await failure(() => graph.post('/groups', group));
  expect(taken.status).toBe(400);
  expect(isConflict(taken)).toBe(true);

});

test('SharePoint through PnPjs, no wrapper: a missing list is notFound with the odata code; a taken list title is a conflict', async () => {
  const web = target.client.sp.web(`https://${target.client.sharepointHost}`).web;
  const missing = await failure(() => web.lists.getByTitle('No such list')());
  expect([missing.status, isNotFound(missing)]).toEqual([404, true]);
  expect(missing.code).toMatch(/^-?\d+, /); // SharePoint's "<number>, <exception type>"
  expect(missing.message).not.toMatch(/HttpClient request/);

  const add = (Title: string, Url: string) => spPost(SPQueryable([web, `https://${target.client.sharepointHost}`], '_api/web/lists/add'), body({ parameters: { Title, Url, TemplateType: 100 } }));
  await add('Service error list', 'Lists/ServiceError');
  const taken = await failure(() => add('service ERROR list', 'Lists/ServiceError2'));
  expect(isConflict(taken)).toBe(true);
  expect(isNotFound(taken)).toBe(false);
});

test('every format the faces meet reads alike: Graph, SharePoint JSON light, verbose, OData v4, CSOM ErrorInfo, text', () => {
  expect(parseServiceError(404, { error: { code: 'itemNotFound', message: 'The resource could not be found.', innerError: {} } })).toEqual({ code: 'itemNotFound', message: 'The resource could not be found.' });
  expect(parseServiceError(404, '{"odata.error":{"code":"-2130575322, Microsoft.SharePoint.SPException","message":{"lang":"en-US","value":"List does not exist."}}}')).toEqual({
    code: '-2130575322, Microsoft.SharePoint.SPException',
    message: 'List does not exist.',
  });
  expect(parseServiceError(400, { error: { code: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', message: { lang: 'en-US', value: 'Bad query.' } } })).toEqual({
    code: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
    message: 'Bad query.',
  });
  expect(parseServiceError(400, '{"error":{"code":"BadRequest","message":"OData v4 words"}}')).toEqual({ code: 'BadRequest', message: 'OData v4 words' });
  expect(parseServiceError(503, 'Service Unavailable')).toEqual({ code: 'http503', message: 'Service Unavailable' });
  const csom = [{ SchemaVersion: '15.0.0.0', ErrorInfo: { ErrorMessage: 'There is already a term with the same default label and parent term.', ErrorCode: -2147024809, ErrorTypeName: 'System.ArgumentException' } }];
  const refused = csomError(csom)!;
  expect([refused.status, refused.code, isConflict(refused)]).toEqual([400, 'System.ArgumentException', true]);
  expect(csomError([{ SchemaVersion: '15.0.0.0', ErrorInfo: null }, 2, {}])).toBeUndefined();
  // a second hub registration of a site: the key (the site as a hub) is taken
  expect(isConflict(serviceError(400, { 'odata.error': { code: '-2146232832, Microsoft.SharePoint.SPException', message: { lang: 'en-US', value: 'This site is already a HubSite.' } } }))).toBe(true);
  const denied = csomError([{ ErrorInfo: { ErrorMessage: 'Access denied.', ErrorTypeName: 'System.UnauthorizedAccessException' } }], 'custom script is denied on the site')!;
  expect([denied.status, denied.kind, denied.message]).toEqual([403, 'denied', 'Access denied. (custom script is denied on the site)']);
  // Entra's 400 for a reference to an object it does not hold (yet: a group still replicating) is
  // not found by its kind, and a malformed request stays a plain refusal
  const notReplicated = serviceError(400, { error: { code: 'Request_BadRequest', message: 'The source resource object or one of the objects being referenced do not exist.' } });
  expect([notReplicated.status, isNotFound(notReplicated), isConflict(notReplicated)]).toEqual([400, true, false]);
  const malformed = serviceError(400, { error: { code: 'Request_BadRequest', message: 'Invalid URL format specified in @odata.bind for owners or members.' } });
  expect([isNotFound(malformed), malformed.kind]).toEqual([false, 'refused']);
  // throttled and server errors are retryable wherever they are read (a $batch sub-answer too)
  expect([429, 503, 500, 404, 400].map((s) => serviceError(s, {}).retryable)).toEqual([true, true, true, false, false]);
  // a 500 that carries SharePoint's exception is its answer, not a passing failure (a database's may pass)
  const spRefusal = serviceError(500, { 'odata.error': { code: '-2146232832, Microsoft.SharePoint.SPException', message: { lang: 'en-US', value: 'The content type is in use.' } } });
  const passing = serviceError(500, { 'odata.error': { code: '-2146232060, System.Data.SqlClient.SqlException', message: { lang: 'en-US', value: 'Timeout expired.' } } });
  expect([spRefusal.retryable, passing.retryable]).toEqual([false, true]);
});
