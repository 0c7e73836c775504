import { expect, test } from 'vitest';
import { hostAndPath } from '../../src/tenant/url-parts.ts';
import { graphPathScope, throttleScopeOf } from '../../src/tenant/throttle-scope.ts';

const urls = [
  'https://graph.microsoft.com/v1.0/$batch',
  'https://graph.microsoft.com/v1.0/teams/8b081ef6-4792-4def-b2c9-c363a1bf41d5/channels?$select=id,displayName',
  'https://GRAPH.microsoft.com:443/v1.0/groups/abc/sites/root#x',
  'https://user:pw@contoso.sharepoint.com/sites/bench-00001/_api/web/lists(guid\'1c5271a3-4e1a-4a8f-8d1e-1b2c3d4e5f60\')?$select=Title',
  'https://contoso.sharepoint.com',
  'https://contoso.sharepoint.com?x=1',
  'https://graph.microsoft.us/v1.0/users?$filter=startswith(displayName,\'a/b\')',
  'http://127.0.0.1:8080/msi/token',
];

test('host and path are what URL gives for the URLs the engine sends', () => {
  for (const url of urls) {
    const u = new URL(url);
    expect(hostAndPath(url), url).toEqual({ host: u.hostname, path: u.pathname });
  }
});

test('a path of letters URL would percent-encode classifies the same', () => {
  const url = 'https://graph.microsoft.com/v1.0/teams/8b081ef6-4792-4def-b2c9-c363a1bf41d5/channels/Möten';
  expect(hostAndPath(url).path).toBe('/v1.0/teams/8b081ef6-4792-4def-b2c9-c363a1bf41d5/channels/Möten');
  expect(throttleScopeOf(url)).toBe('teams');
});

test('what is not a plain absolute http(s) URL goes through URL', () => {
  expect(hostAndPath('https://graph.microsoft.com\\v1.0\\teams')).toEqual({ host: 'graph.microsoft.com', path: '/v1.0/teams' });
  expect(() => hostAndPath('/v1.0/teams')).toThrow(TypeError);
});

test("a Graph path's scope is its URL's, with or without the version, whatever its case and query", () => {
  const paths: [string, string][] = [
    ['/sites/root/lists', 'sharepoint'],
    ['/Sites/x/contentTypes/0x0101?$expand=columns($select=id)', 'sharepoint'],
    ['/drives/b!x/root', 'sharepoint'],
    ['/groups/abc/sites/root?$select=id', 'sharepoint'],
    ['/groups/abc/Drive', 'sharepoint'],
    ['/groups/abc/team', 'teams'],
    ['/teams/x/channels?$select=id', 'teams'],
    ['/groups?$filter=mailNickname eq \'a/sites\'', 'entra'],
    ['/groups/abc/teamwork', 'entra'],
    ['/users/a@contoso.com?$select=id', 'entra'],
    ['/directoryObjects/getByIds', 'entra'],
    ['/sitesx', 'graph'],
    ['/drive/root', 'graph'],
    ['/$batch', 'graph'],
  ];
  for (const [path, scope] of paths) {
    for (const version of ['', '/v1.0', '/beta', '/V1.0']) {
      expect(graphPathScope(`${version}${path}`), `${version}${path}`).toBe(scope);
      expect(throttleScopeOf(`https://graph.microsoft.com${version}${path}`), `${version}${path}`).toBe(scope);
    }
  }
  expect(throttleScopeOf('https://contoso.sharepoint.com/sites/x/_api/web')).toBe('sharepoint');
});
