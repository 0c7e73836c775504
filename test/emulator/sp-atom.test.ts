/**
 * SharePoint REST answers OData v3 Atom XML when the client accepts no JSON (no `Accept` header,
 * `*∕*`, `application/atom+xml`, `application/xml`), as the service does; JSON only when asked.
 * Requests over real HTTP with a certificate-based app-only token.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { start, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => t?.close());

/** A request with exactly these headers (no default Accept). */
async function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> {
  const r = await fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${c.spToken}`, 'x-forwarded-host': t.sharepointHost, ...headers } });
  return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
}

test('without an Accept header an entity is an Atom <entry> with typed <m:properties>', async () => {
  const r = await raw('GET', '/_api/web');
  expect(r.status).toBe(200);
  expect(r.type).toMatch(/^application\/atom\+xml;type=entry/);
  expect(r.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><entry xml:base="https:\/\/contoso\.sharepoint\.com\/_api\/" xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  expect(r.text).toContain('<category term="SP.Web" scheme="http://schemas.microsoft.com/ado/2007/08/dataservices/scheme" />');
  expect(r.text).toContain('<content type="application/xml"><m:properties>');
  expect(r.text).toMatch(/<d:Title>[^<]+<\/d:Title>/);
  expect(r.text).toMatch(/<d:Id m:type="Edm.Guid">[0-9a-f-]{36}<\/d:Id>/);
  expect(r.text).toContain('<d:RecycleBinEnabled m:type="Edm.Boolean">true</d:RecycleBinEnabled>');
  expect(r.text).toMatch(/<d:Created m:type="Edm.DateTime">\d{4}-\d\d-\d\dT[^<]+Z<\/d:Created>/);
  expect(r.text).not.toMatch(/^\s*\{/);
});

test('a collection is a <feed> of entries; $select limits the properties; Accept application/atom+xml and */* answer the same', async () => {
  for (const accept of [undefined, 'application/atom+xml', '*/*', 'application/xml']) {
    const r = await raw('GET', '/_api/web/lists?$select=Title,Id', accept ? { accept } : {});
    expect(r.status, accept).toBe(200);
    expect(r.type, accept).toMatch(/^application\/atom\+xml;type=feed/);
    expect(r.text).toMatch(/<feed xml:base="https:\/\/contoso\.sharepoint\.com\/_api\/"/);
    expect(r.text).toContain('<category term="SP.List"');
    expect(r.text).toContain('<d:Title>Documents</d:Title>');
    expect(r.text).not.toContain('<d:BaseTemplate');
  }
});

test('JSON is answered only when application/json is accepted, at the asked metadata level', async () => {
  const none = await raw('GET', '/_api/web?$select=Title', { accept: 'application/json;odata=nometadata' });
  expect(none.type).toMatch(/^application\/json;odata=nometadata/);
  expect(Object.keys(JSON.parse(none.text))).toEqual(['Title']);
  const verbose = await raw('GET', '/_api/web?$select=Title', { accept: 'application/json;odata=verbose' });
  expect(JSON.parse(verbose.text).d.__metadata.type).toBe('SP.Web');
  const plain = await raw('GET', '/_api/web?$select=Title', { accept: 'application/json' });
  expect(JSON.parse(plain.text)['odata.metadata']).toMatch(/\$metadata#SP\.ApiData\.Webs\/@Element$/);
});

test('contextinfo and function values are XML; an error is the service XML <m:error>', async () => {
  const ctx = await raw('POST', '/_api/contextinfo');
  expect(ctx.status).toBe(200);
  expect(ctx.type).toMatch(/^application\/xml/);
  expect(ctx.text).toMatch(/<d:GetContextWebInformation xmlns:d="http:\/\/schemas\.microsoft\.com\/ado\/2007\/08\/dataservices"[^>]* m:type="SP.ContextWebInformation">/);
  expect(ctx.text).toMatch(/<d:FormDigestTimeoutSeconds m:type="Edm.Int32">1800<\/d:FormDigestTimeoutSeconds>/);
  expect(ctx.text).toContain('<d:SupportedSchemaVersions m:type="Collection(Edm.String)"><d:element>14.0.0.0</d:element>');
  const missing = await raw('GET', "/_api/web/lists/getbytitle('Nope')");
  expect(missing.status).toBe(404);
  expect(missing.type).toMatch(/^application\/xml/);
  expect(missing.text).toContain(`<m:error xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"><m:code>-1, System.ArgumentException</m:code><m:message xml:lang="en-US">List 'Nope' does not exist`);
});
