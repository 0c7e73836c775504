/**
 * The Entra bulk-create roster reader, with in-memory text: the template's shape (version row,
 * headings with `[property]`), the four required values, Yes/No, spaces around a name, a name
 * twice, and columns it does not read.
 */
import { expect, test } from 'vitest';
import { readEntraRoster } from '../../src/cli/entra-roster.ts';

const HEAD = 'version:v1.0\nName [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required,First name [givenName],Last name [surname],Department [department]\n';

test('a row becomes the POST /users body; Block sign in Yes is a disabled account; other columns are named as not read', () => {
  const r = readEntraRoster(`${HEAD}Anna Andersson,anna.andersson@botkyrka.se,xWwvJ]6NMw+bWH-d,No,Anna,Andersson,Plan\n"Ek, Bo",bo.ek@botkyrka.se,xWwvJ]6NMw+bWH-d,yes,,,\n`);
  expect(r.problems).toEqual([]);
  expect(r.ignored).toEqual(['Department [department]']);
  expect(r.users).toEqual([
    { line: 3, body: { accountEnabled: true, displayName: 'Anna Andersson', mailNickname: 'anna.andersson', userPrincipalName: 'anna.andersson@botkyrka.se', passwordProfile: { password: 'xWwvJ]6NMw+bWH-d' }, givenName: 'Anna', surname: 'Andersson' } },
    { line: 4, body: { accountEnabled: false, displayName: 'Ek, Bo', mailNickname: 'bo.ek', userPrincipalName: 'bo.ek@botkyrka.se', passwordProfile: { password: 'xWwvJ]6NMw+bWH-d' } } },
  ]);
});

test('columns are found by their [property], in any order and wording', () => {
  const r = readEntraRoster('version:v1.0\nBlockera inloggning [accountEnabled],Lösenord [passwordProfile],UPN [userPrincipalName],Namn [displayName]\nNo,xWwvJ]6NMw+bWH-d,cia@contoso.onmicrosoft.com,Cia\n');
  expect(r.problems).toEqual([]);
  expect(r.users[0]!.body).toMatchObject({ displayName: 'Cia', userPrincipalName: 'cia@contoso.onmicrosoft.com', accountEnabled: true });
});

test('the shape of the file: the version row, then headings naming the four required columns', () => {
  expect(readEntraRoster('Name [displayName] Required\nAnna\n').problems[0]).toMatchObject({ line: 1, col: 1, message: expect.stringContaining('version row') });
  expect(readEntraRoster('version:v1.0\nName [displayName] Required,User name [userPrincipalName] Required\n').problems[0]).toMatchObject({
    line: 2,
    message: expect.stringContaining('[passwordProfile], [accountEnabled]'),
  });
  expect(readEntraRoster('version:v1.0\n').problems[0]!.message).toContain('column headings');
  // a spreadsheet saved with the Swedish list separator
  expect(readEntraRoster(HEAD.replaceAll(',', ';')).problems[0]!.message).toContain("the file is not comma-separated: Entra's template is, so save it with commas");
});

test('each bad row is named with its line and column, and no user of a bad file is read twice', () => {
  const r = readEntraRoster(`${HEAD},anna@botkyrka.se,xWwvJ]6NMw+bWH-d,No\nBo, bo@botkyrka.se ,xWwvJ]6NMw+bWH-d,No\nCia,cia@botkyrka.se,xWwvJ]6NMw+bWH-d,Kanske\nDan,dan@botkyrka.se,xWwvJ]6NMw+bWH-d,No\nDan igen,DAN@botkyrka.se,xWwvJ]6NMw+bWH-d,No\n`);
  expect(r.problems).toEqual([
    { line: 3, col: 1, message: "'Name [displayName] Required' is empty" },
    { line: 4, col: 4, message: "'bo@botkyrka.se' has spaces around it (Entra's import fails on them: remove them)" },
    { line: 5, col: 38, message: "'Block sign in (Yes/No) [accountEnabled] Required' is 'Kanske': Yes (sign-in blocked) or No" },
    { line: 7, col: 1, message: "'DAN@botkyrka.se' is already on line 6" },
  ]);
  expect(r.users.map((u) => u.body.userPrincipalName)).toEqual(['dan@botkyrka.se']);
});
