/**
 * A diagnostic's message made safe to print (safeMessage): a long quoted value is cut, but an
 * apostrophe inside a word ("site's") is no quote, so the text between a value and it is kept
 * whole. Pure values.
 */
import { expect, test } from 'vitest';
import { safeMessage } from '../../src/blueprint-core/names.ts';

test("a possessive's apostrophe does not pair with a value's closing quote", () => {
  const m = "unknown permission level 'Läsa och kommentera': not built in (Full Control, Design, Edit, Contribute, Read, View Only) nor declared in this site's permissions.roleDefinitions";
  expect(safeMessage(m)).toBe(m);
  const team = "erik@contoso.onmicrosoft.com is not in the team: a private channel's owners and members must be members of its team (Graph refuses the others); add them to the team's members:";
  expect(safeMessage(team)).toBe(team);
});

test('a long quoted value is still cut, in a message that also has apostrophes', () => {
  const long = 'x'.repeat(200);
  const out = safeMessage(`the site's title '${long}' is too long for the list's view`);
  expect(out.startsWith("the site's title 'xxx")).toBe(true);
  expect(out.endsWith("' is too long for the list's view")).toBe(true);
  expect(out.length).toBeLessThan(160);
});
