/**
 * The term store's two faces on the local tenant, over real HTTP, with the service's rules:
 * Graph's term store refuses app-only tokens (every page documents "Application: Not
 * supported") and serves a signed-in user; CSOM taxonomy on ProcessQuery serves the requests
 * CLI for Microsoft 365 sends (`spo term group add`, `spo term set add`, `spo term add`) on the
 * same records Graph projects, and refuses app-only writes unless the app is a term store
 * administrator (a setting of the local tenant), while reads stay allowed.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { delegatedToken } from '../support/delegated-token.ts';
import { tempDir, start, type Client } from './helpers.ts';

const TS = '/sites/root/termStore';
const SESSION = '{981cbc68-9edc-4f8d-872f-71146fcbb84f}';
const HEAD = '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="CLI for Microsoft 365" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">';
const STORE_PATHS = `<StaticMethod Id="3" Name="GetTaxonomySession" TypeId="${SESSION}" /><Method Id="6" ParentId="3" Name="GetDefaultSiteCollectionTermStore" />`;

type Answer = [{ ErrorInfo: null | { ErrorMessage: string; ErrorCode: number; ErrorTypeName: string } }, ...unknown[]];

async function csom(c: Client, xml: string, token = c.spToken): Promise<Answer> {
  const r = await c.sp('POST', '/_vti_bin/client.svc/ProcessQuery', xml, { 'content-type': 'text/xml', authorization: `Bearer ${token}` });
  expect(r.status, r.text).toBe(200);
  return r.json as Answer;
}

function result<T = Record<string, unknown>>(a: Answer, id: number): T {
  const i = a.indexOf(id, 1);
  expect(i, `result ${id} in ${JSON.stringify(a).slice(0, 300)}`).toBeGreaterThan(0);
  return a[i + 1] as T;
}

/** `spo term group add`: the store's identity first, then CreateGroup on it, then the description. */
async function cliGroupAdd(c: Client, name: string, id: string, description: string, token?: string): Promise<Answer> {
  const first = await csom(
    c,
    `${HEAD}<Actions><ObjectPath Id="4" ObjectPathId="3" /><ObjectIdentityQuery Id="5" ObjectPathId="3" /><ObjectPath Id="7" ObjectPathId="6" /><ObjectIdentityQuery Id="8" ObjectPathId="6" /><Query Id="9" ObjectPathId="6"><Query SelectAllProperties="true"><Properties /></Query></Query></Actions><ObjectPaths>${STORE_PATHS}</ObjectPaths></Request>`,
    token,
  );
  if (first[0].ErrorInfo) return first;
  const store = first[first.length - 1] as { _ObjectIdentity_: string };
  const made = await csom(
    c,
    `${HEAD}<Actions><ObjectPath Id="14" ObjectPathId="13" /><ObjectIdentityQuery Id="15" ObjectPathId="13" /><Query Id="16" ObjectPathId="13"><Query SelectAllProperties="false"><Properties><Property Name="Name" ScalarProperty="true" /><Property Name="Id" ScalarProperty="true" /><Property Name="Description" ScalarProperty="true" /></Properties></Query></Query></Actions><ObjectPaths><Method Id="13" ParentId="6" Name="CreateGroup"><Parameters><Parameter Type="String">${name}</Parameter><Parameter Type="Guid">{${id}}</Parameter></Parameters></Method><Identity Id="6" Name="${store._ObjectIdentity_}" /></ObjectPaths></Request>`,
    token,
  );
  if (made[0].ErrorInfo) return made;
  const group = made[made.length - 1] as { _ObjectIdentity_: string };
  return csom(
    c,
    `${HEAD}<Actions><SetProperty Id="51" ObjectPathId="45" Name="Description"><Parameter Type="String">${description}</Parameter></SetProperty></Actions><ObjectPaths><Identity Id="45" Name="${group._ObjectIdentity_}" /></ObjectPaths></Request>`,
    token,
  );
}

describe("Graph's term store: delegated only", () => {
  test('app-only calls are refused (reads and writes) with 403 accessDenied and change nothing; a signed-in user is served', async () => {
    const { t, c, dir } = await start(tempDir());
    try {
      const admin = (m: string, p: string, b?: unknown, scp?: string) => c.graph(m, p, b, { authorization: `Bearer ${delegatedToken(dir, 'https://graph.microsoft.com', scp)}` });
      const group = (await admin('POST', `${TS}/groups`, { displayName: 'Befintlig' })).json;
      const set = (await admin('POST', `${TS}/sets`, { parentGroup: { id: group.id }, localizedNames: [{ languageTag: 'en-US', name: 'Set' }] })).json;
      const term = (await admin('POST', `${TS}/sets/${set.id}/children`, { labels: [{ name: 'Term', languageTag: 'en-US', isDefault: true }] })).json;
      const calls: [string, string, unknown?][] = [
        ['GET', TS],
        ['GET', `${TS}/groups`],
        ['POST', `${TS}/groups`, { displayName: 'Appens grupp' }],
        ['PATCH', `${TS}/groups/${group.id}`, { description: 'x' }],
        ['POST', `${TS}/groups/${group.id}/sets`, { localizedNames: [{ languageTag: 'en-US', name: 'Appens' }] }],
        ['POST', `${TS}/sets`, { parentGroup: { id: group.id }, localizedNames: [{ languageTag: 'en-US', name: 'Appens' }] }],
        ['PATCH', `${TS}/sets/${set.id}`, { description: 'x' }],
        ['POST', `${TS}/sets/${set.id}/children`, { labels: [{ name: 'Appens', languageTag: 'en-US', isDefault: true }] }],
        ['POST', `${TS}/sets/${set.id}/terms/${term.id}/children`, { labels: [{ name: 'Appens', languageTag: 'en-US', isDefault: true }] }],
        ['PATCH', `${TS}/sets/${set.id}/terms/${term.id}`, { descriptions: [{ description: 'x', languageTag: 'en-US' }] }],
        ['DELETE', `${TS}/sets/${set.id}/terms/${term.id}`],
        ['DELETE', `${TS}/sets/${set.id}`],
        ['DELETE', `${TS}/groups/${group.id}`],
      ];
      for (const [m, p, b] of calls) {
        const r = await c.graph(m, p, b);
        expect(r.status, `${m} ${p}`).toBe(403);
        expect(r.json.error).toMatchObject({ code: 'accessDenied', message: 'Access denied' });
      }
      // the same through another site and inside a JSON batch
      const site = (await c.graph('GET', '/sites/root')).json;
      expect((await c.graph('POST', `/sites/${site.id}/termStore/groups`, { displayName: 'Via site' })).status).toBe(403);
      const batch = await c.graph('POST', '/$batch', { requests: [{ id: '1', method: 'POST', url: `${TS}/groups`, body: { displayName: 'I batch' }, headers: { 'content-type': 'application/json' } }] });
      expect(batch.json.responses[0].status).toBe(403);
      // nothing changed
      const groups = (await admin('GET', `${TS}/groups`)).json.value.map((g: { displayName: string }) => g.displayName);
      expect(groups).toEqual(['Befintlig']);
      expect((await admin('GET', `${TS}/sets/${set.id}/children`)).json.value.map((x: { id: string }) => x.id)).toEqual([term.id]);
      expect((await admin('GET', `${TS}/sets/${set.id}`)).json.description).toBe('');
      // a signed-in user with TermStore.Read.All reads but may not write
      expect((await admin('GET', `${TS}/groups`, undefined, 'TermStore.Read.All')).status).toBe(200);
      const ro = await admin('POST', `${TS}/groups`, { displayName: 'Läsare' }, 'TermStore.Read.All');
      expect(ro.status).toBe(403);
      expect(ro.json.error.code).toBe('accessDenied');
    } finally {
      await t.close();
    }
  });
});

test('a list called termStore is a list: the app reaches it', async () => {
  const { t, c } = await start(tempDir());
  try {
    const site = (await c.graph('GET', '/sites/root')).json;
    expect((await c.graph('POST', `/sites/${site.id}/lists`, { displayName: 'termStore', list: { template: 'genericList' } })).status).toBe(201);
    expect((await c.graph('GET', `/sites/${site.id}/lists/termStore`)).status).toBe(200);
    expect((await c.graph('GET', `/sites/${site.id}/termStore`)).status).toBe(403);
  } finally {
    await t.close();
  }
});

describe('CSOM taxonomy', () => {
  test('what CLI for Microsoft 365 sends: group, set and term with their ids, description, custom property, a label; Graph sees it', async () => {
    const { t, c, dir } = await start(tempDir());
    try {
      const groupId = '11111111-2222-4333-8444-555555555555';
      const g = await cliGroupAdd(c, 'Samhällsbyggnad', groupId, 'Förvaltningens termer');
      expect(g[0].ErrorInfo).toBeNull();
      // spo term set add (by group name), in Swedish: the set also gets the name in the default language
      const setId = '21111111-2222-4333-8444-555555555555';
      const s = await csom(
        c,
        `${HEAD}<Actions><ObjectPath Id="35" ObjectPathId="34" /><ObjectIdentityQuery Id="36" ObjectPathId="34" /><ObjectPath Id="38" ObjectPathId="37" /><ObjectIdentityQuery Id="39" ObjectPathId="37" /><ObjectPath Id="41" ObjectPathId="40" /><ObjectPath Id="43" ObjectPathId="42" /><ObjectIdentityQuery Id="44" ObjectPathId="42" /><ObjectPath Id="46" ObjectPathId="45" /><ObjectIdentityQuery Id="47" ObjectPathId="45" /><Query Id="48" ObjectPathId="45"><Query SelectAllProperties="true"><Properties /></Query></Query></Actions><ObjectPaths><StaticMethod Id="34" Name="GetTaxonomySession" TypeId="${SESSION}" /><Method Id="37" ParentId="34" Name="GetDefaultSiteCollectionTermStore" /><Property Id="40" ParentId="37" Name="Groups" /><Method Id="42" ParentId="40" Name="GetByName"><Parameters><Parameter Type="String">samhällsbyggnad</Parameter></Parameters></Method><Method Id="45" ParentId="42" Name="CreateTermSet"><Parameters><Parameter Type="String">Fastighetstyper</Parameter><Parameter Type="Guid">{${setId}}</Parameter><Parameter Type="Int32">1053</Parameter></Parameters></Method></ObjectPaths></Request>`,
      );
      expect(s[0].ErrorInfo).toBeNull();
      expect(result(s, 48)).toMatchObject({ _ObjectType_: 'SP.Taxonomy.TermSet', Id: `/Guid(${setId})/`, Names: { '1053': 'Fastighetstyper', '1033': 'Fastighetstyper' } });
      const storeIdentity = result<{ _ObjectIdentity_: string }>(s, 39)._ObjectIdentity_;
      // spo term add by set id, then its description and custom property with CommitAll
      const termId = '31111111-2222-4333-8444-555555555555';
      const tm = await csom(
        c,
        `${HEAD}<Actions><ObjectPath Id="4" ObjectPathId="3" /><ObjectIdentityQuery Id="5" ObjectPathId="3" /><ObjectPath Id="7" ObjectPathId="6" /><ObjectIdentityQuery Id="8" ObjectPathId="6" /><ObjectPath Id="10" ObjectPathId="9" /><ObjectPath Id="12" ObjectPathId="11" /><ObjectIdentityQuery Id="13" ObjectPathId="11" /><ObjectPath Id="15" ObjectPathId="14" /><ObjectPath Id="17" ObjectPathId="16" /><ObjectIdentityQuery Id="18" ObjectPathId="16" /><ObjectPath Id="20" ObjectPathId="19" /><ObjectIdentityQuery Id="21" ObjectPathId="19" /><Query Id="22" ObjectPathId="19"><Query SelectAllProperties="true"><Properties /></Query></Query></Actions><ObjectPaths>${STORE_PATHS}<Property Id="9" ParentId="6" Name="Groups" /><Method Id="11" ParentId="9" Name="GetById"><Parameters><Parameter Type="Guid">{${groupId}}</Parameter></Parameters></Method><Property Id="14" ParentId="11" Name="TermSets" /><Method Id="16" ParentId="14" Name="GetById"><Parameters><Parameter Type="Guid">{${setId}}</Parameter></Parameters></Method><Method Id="19" ParentId="16" Name="CreateTerm"><Parameters><Parameter Type="String">Small house</Parameter><Parameter Type="Int32">1033</Parameter><Parameter Type="Guid">{${termId}}</Parameter></Parameters></Method></ObjectPaths></Request>`,
      );
      expect(tm[0].ErrorInfo).toBeNull();
      const term = tm[tm.length - 1] as { _ObjectIdentity_: string; Name: string };
      expect(term.Name).toBe('Small house');
      const props = await csom(
        c,
        `${HEAD}<Actions><Method Name="SetDescription" Id="127" ObjectPathId="117"><Parameters><Parameter Type="String">A house for one family</Parameter><Parameter Type="Int32">1033</Parameter></Parameters></Method><Method Name="SetCustomProperty" Id="128" ObjectPathId="117"><Parameters><Parameter Type="String">code</Parameter><Parameter Type="String">S</Parameter></Parameters></Method><ObjectPath Id="130" ObjectPathId="129" /><Method Name="CommitAll" Id="131" ObjectPathId="109" /></Actions><ObjectPaths><Identity Id="117" Name="${term._ObjectIdentity_}" /><Method Id="129" ParentId="117" Name="CreateLabel"><Parameters><Parameter Type="String">Småhus</Parameter><Parameter Type="Int32">1053</Parameter><Parameter Type="Boolean">true</Parameter></Parameters></Method><Identity Id="109" Name="${storeIdentity}" /></ObjectPaths></Request>`,
      );
      expect(props[0].ErrorInfo).toBeNull();

      // Graph, as a signed-in admin, sees the same records with the ids CSOM gave
      const admin = (p: string) => c.graph('GET', p, undefined, { authorization: `Bearer ${delegatedToken(dir)}` });
      expect((await admin(`${TS}/groups/${groupId}`)).json).toMatchObject({ displayName: 'Samhällsbyggnad', description: 'Förvaltningens termer' });
      expect((await admin(`${TS}/sets/${setId}`)).json.localizedNames).toEqual(
        expect.arrayContaining([
          { languageTag: 'sv-SE', name: 'Fastighetstyper' },
          { languageTag: 'en-US', name: 'Fastighetstyper' },
        ]),
      );
      const kids = (await admin(`${TS}/sets/${setId}/children`)).json.value;
      expect(kids).toHaveLength(1);
      expect(kids[0]).toMatchObject({ id: termId, descriptions: [{ description: 'A house for one family', languageTag: 'en-US' }], properties: [{ key: 'code', value: 'S' }] });
      expect(kids[0].labels).toEqual(
        expect.arrayContaining([
          { name: 'Small house', languageTag: 'en-US', isDefault: true },
          { name: 'Småhus', languageTag: 'sv-SE', isDefault: true },
        ]),
      );

      // the service's rules: unique names per level, working languages only, no illegal characters (; " < > | tab)
      const again = await cliGroupAdd(c, 'SAMHÄLLSBYGGNAD', '41111111-2222-4333-8444-555555555555', '');
      expect(again[0].ErrorInfo).toMatchObject({ ErrorTypeName: 'System.ArgumentException' });
      const badLang = await csom(c, `${HEAD}<Actions><ObjectPath Id="20" ObjectPathId="19" /></Actions><ObjectPaths>${STORE_PATHS}<Method Id="16" ParentId="6" Name="GetTermSet"><Parameters><Parameter Type="Guid">{${setId}}</Parameter></Parameters></Method><Method Id="19" ParentId="16" Name="CreateTerm"><Parameters><Parameter Type="String">Hus</Parameter><Parameter Type="Int32">1041</Parameter><Parameter Type="Guid">{${uuid()}}</Parameter></Parameters></Method></ObjectPaths></Request>`);
      expect(badLang[0].ErrorInfo).toMatchObject({ ErrorTypeName: 'System.ArgumentOutOfRangeException' });
      const badName = await cliGroupAdd(c, 'A | B', uuid(), '');
      expect(badName[0].ErrorInfo).toMatchObject({ ErrorTypeName: 'System.ArgumentException' });
      expect((await admin(`${TS}/groups`)).json.value).toHaveLength(1);
      // "& " is taken and kept as the full-width ＆, consecutive spaces as one (TermSetItem.CreateTerm)
      expect((await cliGroupAdd(c, 'A &amp;  B', uuid(), ''))[0].ErrorInfo).toBeNull();
      expect((await admin(`${TS}/groups`)).json.value.map((g: { displayName: string }) => g.displayName)).toContain('A ＆ B');
    } finally {
      await t.close();
    }
  });

  test('an app that is not a term store administrator may read but not write (UnauthorizedAccessException); a signed-in admin may', async () => {
    const { t, c, dir } = await start(tempDir(), { appIsTermStoreAdministrator: false });
    try {
      const refused = await cliGroupAdd(c, 'Appens grupp', uuid(), 'x');
      expect(refused[0].ErrorInfo).toEqual({
        ErrorMessage: 'Access denied. You do not have permission to perform this action or access this resource.',
        ErrorValue: null,
        TraceCorrelationId: expect.any(String),
        ErrorCode: -2147024891,
        ErrorTypeName: 'System.UnauthorizedAccessException',
        ErrorDetails: null,
      });
      // reads need no term store rights: the store and its (empty) groups
      const read = await csom(c, `${HEAD}<Actions><Query Id="9" ObjectPathId="8"><Query SelectAllProperties="false"><Properties /></Query><ChildItemQuery SelectAllProperties="true"><Properties /></ChildItemQuery></Query></Actions><ObjectPaths>${STORE_PATHS}<Property Id="8" ParentId="6" Name="Groups" /></ObjectPaths></Request>`);
      expect(read[0].ErrorInfo).toBeNull();
      expect(result<{ _Child_Items_: unknown[] }>(read, 9)._Child_Items_).toEqual([]);
      // a signed-in term store administrator (delegated SharePoint token) writes
      const spAdmin = delegatedToken(dir, `https://${t.sharepointHost}`, 'AllSites.FullControl TermStore.ReadWrite.All');
      const ok = await cliGroupAdd(c, 'Admins grupp', uuid(), 'y', spAdmin);
      expect(ok[0].ErrorInfo).toBeNull();
      // the setting can be changed at run time (what `provision doctor` checks)
      t.appIsTermStoreAdministrator = true;
      expect((await cliGroupAdd(c, 'Appens grupp', uuid(), 'x'))[0].ErrorInfo).toBeNull();
      const names = (await c.graph('GET', `${TS}/groups`, undefined, { authorization: `Bearer ${delegatedToken(dir)}` })).json.value.map((g: { displayName: string }) => g.displayName);
      expect(names.sort()).toEqual(['Admins grupp', 'Appens grupp']);
    } finally {
      await t.close();
    }
  });

  test('app roles: without a SharePoint site or term store role nothing is read; Sites.Read.All reads but may not write, even as term store administrator', async () => {
    const readGroups = `${HEAD}<Actions><Query Id="9" ObjectPathId="8"><Query SelectAllProperties="false"><Properties /></Query><ChildItemQuery SelectAllProperties="true"><Properties /></ChildItemQuery></Query></Actions><ObjectPaths>${STORE_PATHS}<Property Id="8" ParentId="6" Name="Groups" /></ObjectPaths></Request>`;
    for (const [roles, reads] of [
      [['User.Read.All'], false],
      [['Sites.Read.All'], true],
    ] as const) {
      const { t, c } = await start(tempDir(), { appRoles: { sharepoint: [...roles] } });
      try {
        expect((await csom(c, readGroups))[0].ErrorInfo === null, roles.join()).toBe(reads);
        const write = await cliGroupAdd(c, 'Grupp', uuid(), '');
        expect(write[0].ErrorInfo).toMatchObject({ ErrorTypeName: 'System.UnauthorizedAccessException' });
      } finally {
        await t.close();
      }
    }
  });
});

function uuid(): string {
  return randomUUID();
}
