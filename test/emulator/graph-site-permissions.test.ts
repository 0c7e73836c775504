/**
 * Graph's writes on a site's structure need Sites.Manage.All (Microsoft's pages for updating a
 * column, updating and deleting a content type and copying one to a list name it as least
 * privileged; Sites.ReadWrite.All is for items): an app granted Sites.ReadWrite.All is refused
 * them (403 accessDenied) before anything is looked up, and one granted Sites.Manage.All makes
 * and changes them.
 */
import { expect, test } from 'vitest';
import { tenantPerTest } from './helpers.ts';

const tenant = tenantPerTest();
const OTHERS = ['Group.ReadWrite.All', 'User.Read.All'];

async function structureWrites(sites: string): Promise<Record<string, number>> {
  const { c } = await tenant({ appRoles: { graph: [sites, ...OTHERS] } });
  const site = (await c.graph('GET', '/sites/root?$select=id')).json.id as string;
  const builtIn = (await c.graph('GET', `/sites/${site}/columns?$select=id,name`)).json.value[0].id as string;
  const made = await c.graph('POST', `/sites/${site}/columns`, { name: 'PermCol', text: {} });
  const column = made.status === 201 ? (made.json.id as string) : builtIn;
  const type = await c.graph('POST', `/sites/${site}/contentTypes`, { name: 'Perm Type', base: { id: '0x0101', name: 'Document' } });
  const typeId = type.status === 201 ? (type.json.id as string) : '0x0101';
  const list = await c.graph('POST', `/sites/${site}/lists`, { displayName: 'PermLib', list: { template: 'documentLibrary' } });
  const listId = list.status === 201 ? (list.json.id as string) : '00000000-0000-0000-0000-000000000000';
  return {
    'create column': made.status,
    'update column': (await c.graph('PATCH', `/sites/${site}/columns/${column}`, { description: 'changed' })).status,
    'create content type': type.status,
    'update content type': (await c.graph('PATCH', `/sites/${site}/contentTypes/${typeId}`, { description: 'changed' })).status,
    'create list': list.status,
    'copy content type to list': (await c.graph('POST', `/sites/${site}/lists/${listId}/contentTypes/addCopy`, { contentType: `https://graph.microsoft.com/v1.0/sites/${site}/contentTypes/${typeId}` })).status,
    'delete content type': (await c.graph('DELETE', `/sites/${site}/contentTypes/${typeId}`)).status,
  };
}

test("Sites.ReadWrite.All is refused a site's columns and content types; Sites.Manage.All makes and changes them", async () => {
  const readWrite = await structureWrites('Sites.ReadWrite.All');
  for (const [what, status] of Object.entries(readWrite)) expect(status, what).toBe(403);
  const manage = await structureWrites('Sites.Manage.All');
  expect(manage).toMatchObject({ 'create column': 201, 'update column': 200, 'create content type': 201, 'update content type': 200, 'create list': 201, 'copy content type to list': 201 });
  // the site type is copied to a list, which keeps it in use: refused as the service refuses, not for want of permission
  expect(manage['delete content type']).not.toBe(403);
});
