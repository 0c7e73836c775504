/**
 * What a ledger record says of an object found at its address (pure): an intent or an outcome
 * without an id says nothing against it; a recorded id must be the object's, compared
 * case-insensitively. And the server-relative path a found URL is compared by.
 */
import { expect, test } from 'vitest';
import { CREATED, CREATING, mayBeRecorded } from '../../src/ownership/ledger-record.ts';
import { serverRelativePath } from '../../src/kinds/shared/server-relative.ts';
import { siteElsewhere, siteNotNamedSo } from '../../src/kinds/team-site/site-url.ts';

test('a recorded id must be the object found; an intent or an id-less outcome may be any', () => {
  expect(mayBeRecorded('6F1D3C2E-0000-4000-8000-000000000001', '6f1d3c2e-0000-4000-8000-000000000001')).toBe(true);
  expect(mayBeRecorded('6f1d3c2e-0000-4000-8000-000000000001', '7a2e4d3f-0000-4000-8000-000000000002')).toBe(false);
  expect(mayBeRecorded(CREATING, 'anything')).toBe(true);
  expect(mayBeRecorded(CREATED, 'anything')).toBe(true);
});

test('a URL compares by its decoded server-relative path, without a trailing slash', () => {
  expect(serverRelativePath('https://contoso.sharepoint.com/sites/Bygglov/')).toBe('/sites/Bygglov');
  expect(serverRelativePath('https://contoso.sharepoint.com/sites/l%C3%A4n')).toBe('/sites/län');
  expect(serverRelativePath('https://contoso.sharepoint.com')).toBe('/');
  expect(serverRelativePath('/sites/x/')).toBe('/sites/x');
  expect(siteElsewhere('/sites/bygglov', serverRelativePath('https://contoso.sharepoint.com/sites/Bygglov/'))).toBeUndefined();
  expect(siteElsewhere('/sites/bygglov', serverRelativePath('https://contoso.sharepoint.com/sites/bygglov2'))).toMatch(/declare url: \/sites\/bygglov2/);
  expect(siteElsewhere('/sites/bygglov', serverRelativePath('https://contoso.sharepoint.com/teams/bygglov'))).toMatch(/is at \/teams\/bygglov/);
});

test("a group to create gets its site named after its mailNickname: a URL ending in another name is refused, case aside; the managed path is not judged", () => {
  expect(siteNotNamedSo('/sites/Bygglov', 'bygglov')).toBeUndefined();
  expect(siteNotNamedSo('/teams/bygglov/', 'bygglov')).toBeUndefined();
  expect(siteNotNamedSo('/sites/bygglov', 'bygg')).toBe(
    "a group created with mailNickname 'bygg' gets its site at /sites/bygg (SharePoint names a new group's site after its mailNickname), not at /sites/bygglov as declared: declare url: /sites/bygg, or mailNickname: bygglov",
  );
});
