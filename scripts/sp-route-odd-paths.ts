/**
 * The hand-written part of the SharePoint route replay (sp-route-replay.ts): a list, a field, a
 * site group made on a fresh tenant, then every kind of route's path, each as written and
 * changed (wrong case, a trailing slash, unknown segments after and before, an argument missing,
 * wrong or added, encoded characters), under every method the face may see; the deletes last.
 */

type Send = (method: string, path: string, body?: unknown, host?: string) => Promise<{ status: number; text: string }>;

/** What the paths name: the list's and the group's ids. */
export interface OddCtx {
  listId: string;
  groupId: number;
  fieldId: string;
}

export async function oddSetup(send: Send): Promise<OddCtx> {
  const list = await send('POST', '/_api/web/lists', { Title: 'Odd List', BaseTemplate: 100 });
  const listId = (JSON.parse(list.text) as { Id: string }).Id;
  const field = await send('POST', `/_api/web/lists(guid'${listId}')/fields/createfieldasxml`, { parameters: { SchemaXml: '<Field Type="Text" DisplayName="Odd Field" Name="OddField" />', Options: 8 } });
  const fieldId = (JSON.parse(field.text) as { Id: string }).Id;
  const group = await send('POST', '/_api/web/sitegroups', { Title: 'Odd Group' });
  const groupId = (JSON.parse(group.text) as { Id: number }).Id;
  return { listId, groupId, fieldId };
}

function bases(c: OddCtx): string[] {
  const L = [`web/lists(guid'${c.listId}')`, "web/lists/getbytitle('Odd List')", `lists/getbyid('${c.listId}')`, "web/getlist('/Lists/Odd List')", "site/rootweb/lists/getbytitle('Odd List')"];
  const list = L[0]!;
  return [
    '',
    'web',
    'site',
    'site/rootweb',
    'contextinfo',
    'SP.Site.Exists',
    'lists',
    'web/lists',
    'web/lists/add',
    'web/lists/ensuresiteassetslibrary',
    ...L,
    `lists(guid'${c.listId}')`,
    `${list}/fields`,
    `${list}/fields/getbyinternalnameortitle('OddField')`,
    `${list}/fields/getbytitle('Odd Field')`,
    `${list}/fields('${c.fieldId}')`,
    `${list}/fields/getbyid('${c.fieldId}')`,
    `${list}/fields/createfieldasxml`,
    `${list}/fields/add`,
    'web/fields',
    'web/availablefields',
    "web/fields/getbyinternalnameortitle('Title')",
    `${list}/items`,
    `${list}/items(1)`,
    `${list}/items/getbyid(1)`,
    `${list}/items(0)`,
    `${L[1]}/items(x)`,
    `${list}/contenttypes`,
    `${list}/contenttypes('0x01')`,
    `${list}/contenttypes/addavailablecontenttype`,
    `${list}/rootfolder`,
    `${L[3]}/rootfolder`,
    'web/contenttypes',
    "web/contenttypes('0x01')",
    "web/contenttypes('0x01')/fieldlinks",
    "web/contenttypes('0x01')/fieldlinks(guid'fa564e0f-0c70-4ab9-b863-0177e6ddd247')",
    "web/contenttypes('0x01')/fieldlinks/getbyid('fa564e0f-0c70-4ab9-b863-0177e6ddd247')",
    "web/contenttypes/getbyid('0x0101')",
    "web/getfolderbyserverrelativeurl('/Lists/Odd List')",
    "web/getfolderbyserverrelativepath(decodedurl='/Lists/Odd List')",
    'web/sitegroups',
    `web/sitegroups(${c.groupId})`,
    `web/sitegroups/getbyid(${c.groupId})`,
    "web/sitegroups/getbyname('Odd Group')",
    `web/sitegroups(${c.groupId})/users`,
    `web/sitegroups(${c.groupId})/owner`,
    `web/sitegroups(${c.groupId})/users(1)`,
    `web/sitegroups(${c.groupId})/users/getbyemail('nobody@contoso.onmicrosoft.com')`,
    `web/sitegroups(${c.groupId})/setuserasowner(1)`,
    'web/sitegroups(99999)',
    'web/sitegroups/removebyid(99999)',
    'web/siteusers',
    'web/siteusers(1)',
    'web/siteusers(99999)',
    'web/getuserbyid(1)',
    "web/siteusers/getbyemail('nobody@contoso.onmicrosoft.com')",
    'web/ensureuser',
    'web/roledefinitions',
    'web/roledefinitions(1073741826)',
    "web/roledefinitions/getbyname('Read')",
    'web/roledefinitions/getbytype(2)',
    'web/roledefinitions/getbytype',
    'web/roleassignments',
    'web/roleassignments(3)',
    'web/roleassignments/getbyprincipalid(3)/member',
    'web/roleassignments(3)/roledefinitionbindings',
    'web/roleassignments(99999)',
    'web/hasuniqueroleassignments',
    `${list}/roleassignments`,
    `${list}/hasuniqueroleassignments`,
    'web/navigation',
    'web/navigation/quicklaunch',
    'web/navigation/topnavigationbar',
    'web/allproperties',
    'web/regionalsettings',
    'web/regionalsettings/timezone',
    'web/hubsitedata',
    'hubsites',
    'SP.HubSites.GetById',
    'thememanager/GetTenantThemingOptions',
    'SP.Web.GetContextWebThemeData',
    'siteiconmanager/setsitelogo',
    `${list}/views`,
    `${list}/defaultview`,
    "web/lists/getbytitle('Odd List')/views/getbytitle('All Items')",
    `${list}/views/add`,
    `${list}/defaultview/viewfields`,
    `${list}/defaultview/viewfields/schemaxml`,
    `${list}/defaultview/viewfields/addviewfield('Title')`,
    `${list}/defaultview/setviewxml`,
    `${list}/defaultview/views`,
    'thememanager/views',
    'site/registerhubsite/views',
    'web/navigation/getnodebyid(1)',
    'web/navigation/quicklaunch(1)/children',
    'web/navigation/quicklaunch/getbyindex(0)',
    'web/navigation/quicklaunch/moveafter',
    'web/regionalsettings/timezones(13)',
    'site/joinhubsite(\'00000000-0000-0000-0000-000000000000\')',
    "SPSiteManager/status?url='https://contoso.sharepoint.com/sites/nope'",
    'SPSiteManager/create',
    'SPSiteManager/nope',
    'SPSiteManager',
    "web/lists/getbytitle('No Such List')",
    "web/lists/getbytitle('No Such List')/fields",
    'web/lists(guid\'11111111-2222-3333-4444-555555555555\')/items',
    'nope',
    'web/nope',
    "web/lists/getbytitle('Odd List')/nope",
  ];
}

/** A path changed in the ways a client may get it wrong. */
function variants(p: string): string[] {
  const [path, query] = p.split('?');
  const q = query ? `?${query}` : '';
  const out = [p, `${path!.toUpperCase()}${q}`, `${path}/${q}`, `${path}/nope${q}`, `${path}/nope/more${q}`, `nope/${path}${q}`, `${path}()${q}`];
  if (path!.includes('(')) {
    out.push(path!.replace(/\([^()]*\)/, '') + q); // the first argument missing
    out.push(path!.replace(/\([^()]*\)/, '(x)') + q); // a wrong argument
    out.push(path!.replace(/'/g, '%27') + q); // quotes encoded
  }
  out.push(path!.replace('/', '%2F') + q); // a slash encoded
  out.push(path!.replace(/e/, '%65') + q); // a letter encoded
  out.push(`${path}/%zz${q}`); // not valid percent-encoding
  return out;
}

/** The requests: every variant under every method; the deletes last, as they take what later paths name. */
export function ODD_PATHS(c: OddCtx): { method: string; path: string; body?: unknown; host?: string }[] {
  const all = bases(c).flatMap(variants);
  const out: { method: string; path: string; body?: unknown; host?: string }[] = [];
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'MERGE', 'POST+MERGE', 'POST+POST', 'OPTIONS']) {
    for (const p of all) out.push({ method, path: `/_api/${p}`, ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: {} }) });
  }
  for (const p of ['web', "web/lists/getbytitle('Odd List')/items", 'SPSiteManager/status', 'nope']) out.push({ method: 'GET', path: `/sites/nope/_api/${p}` });
  for (const p of ['contextinfo', "SPO.Tenant/sites('11111111-2222-3333-4444-555555555555')", 'SPO.Tenant/sites', 'SPO.Tenant/sites/nope', 'GroupSiteManager/Delete', 'contextinfo()', 'nope', '', 'web']) {
    for (const method of ['GET', 'POST', 'PATCH']) out.push({ method, path: `/_api/${p}`, body: method === 'GET' ? undefined : {}, host: 'contoso-admin.sharepoint.com' });
  }
  for (const p of all) out.push({ method: 'DELETE', path: `/_api/${p}` });
  return out;
}
