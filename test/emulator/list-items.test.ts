/** Graph list items over real HTTP: create, read with fields, update, delete; SharePoint's ItemCount follows. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { start, type Client } from './helpers.ts';
import type { LocalTenant } from '../../src/emulator/index.ts';

let t: LocalTenant;
let c: Client;
beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => t?.close());

test('items are created, read, updated and deleted, and ItemCount follows on SharePoint REST', async () => {
  const site = (await c.graph('GET', '/sites/contoso.sharepoint.com:/')).json;
  const list = (await c.graph('POST', `/sites/${site.id}/lists`, { displayName: 'Cases', list: { template: 'genericList' } })).json;
  const created = await c.graph('POST', `/sites/${site.id}/lists/${list.id}/items`, { fields: { Title: 'Case 1' } });
  expect(created.status).toBe(201);
  expect(created.json.id).toBe('1');
  expect(created.json.fields.Title).toBe('Case 1');

  const patched = await c.graph('PATCH', `/sites/${site.id}/lists/${list.id}/items/1/fields`, { Title: 'Case 1b' });
  expect(patched.json.Title).toBe('Case 1b');
  const listed = (await c.graph('GET', `/sites/${site.id}/lists/${list.id}/items?$expand=fields`)).json;
  expect(listed.value.map((i: { fields: { Title: string } }) => i.fields.Title)).toEqual(['Case 1b']);

  const spList = (await c.sp('GET', `/_api/web/lists(guid'${list.id}')?$select=ItemCount`)).json;
  expect(spList.ItemCount).toBe(1);

  expect((await c.graph('DELETE', `/sites/${site.id}/lists/${list.id}/items/1`)).status).toBe(204);
  expect((await c.graph('GET', `/sites/${site.id}/lists/${list.id}/items/1`)).status).toBe(404);
  const again = (await c.graph('POST', `/sites/${site.id}/lists/${list.id}/items`, { fields: { Title: 'Case 2' } })).json;
  expect(again.id).toBe('2');
});

test('a field the list has no column for, or a single line of text past its maximum, is refused as Graph refuses it', async () => {
  const site = (await c.graph('GET', '/sites/contoso.sharepoint.com:/')).json;
  const list = (await c.graph('POST', `/sites/${site.id}/lists`, { displayName: 'Checked', list: { template: 'genericList' }, columns: [{ name: 'Notes', text: { allowMultipleLines: true } }] })).json;
  const unknown = await c.graph('POST', `/sites/${site.id}/lists/${list.id}/items`, { fields: { Title: 'x', Nope: 'y' } });
  expect(unknown.status).toBe(400);
  expect(unknown.json.error).toMatchObject({ code: 'invalidRequest', message: "Field 'Nope' is not recognized" });
  const long = await c.graph('POST', `/sites/${site.id}/lists/${list.id}/items`, { fields: { Title: 'x'.repeat(256) } });
  expect(long.status).toBe(400);
  expect(long.json.error.message).toContain("field 'Title' is longer than its maximum length of 255");
  // Names are case-sensitive, as the service's (msgraph-sdk-powershell#1537).
  const cased = await c.graph('POST', `/sites/${site.id}/lists/${list.id}/items`, { fields: { title: 'x' } });
  expect(cased.status).toBe(400);
  expect(cased.json.error.message).toBe("Field 'title' is not recognized");
  // Nothing was made by the refused requests; a multi-line column takes a long text.
  const made = await c.graph('POST', `/sites/${site.id}/lists/${list.id}/items`, { fields: { Title: 'x'.repeat(255), Notes: 'n'.repeat(10_000) } });
  expect(made.status).toBe(201);
  expect(made.json.id).toBe('1');
  expect(made.json.fields.Title).toBe('x'.repeat(255));
  const patched = await c.graph('PATCH', `/sites/${site.id}/lists/${list.id}/items/1/fields`, { Missing: 1 });
  expect(patched.status).toBe(400);
  expect(patched.json.error.message).toBe("Field 'Missing' is not recognized");
  const patchedCase = await c.graph('PATCH', `/sites/${site.id}/lists/${list.id}/items/1/fields`, { notes: 'n' });
  expect(patchedCase.status).toBe(400);
  expect(patchedCase.json.error.message).toBe("Field 'notes' is not recognized");
  expect((await c.graph('GET', `/sites/${site.id}/lists/${list.id}/items/1?$expand=fields`)).json.fields.Notes).toBe('n'.repeat(10_000));
});
