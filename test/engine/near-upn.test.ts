/**
 * The typo correction of a missing user principal name (pure): the closest name part in the same
 * domain within two edits, none across domains or further away. The directory read around it is
 * exercised end to end in test/e2e/principals.test.ts.
 */
import { expect, test } from 'vitest';
import { nearestUpn } from '../../src/engine/principals/near-upn.ts';

const users = ['erik.johansson@contoso.onmicrosoft.com', 'erika.jansson@contoso.onmicrosoft.com', 'emma.jansson@contoso.onmicrosoft.com', 'erik.johanson@fabrikam.com'];

test('a letter missing, doubled or swapped finds the name in the same domain', () => {
  expect(nearestUpn('erik.johanson@contoso.onmicrosoft.com', users)).toBe('erik.johansson@contoso.onmicrosoft.com');
  expect(nearestUpn('erik.johannsson@CONTOSO.onmicrosoft.com', users)).toBe('erik.johansson@contoso.onmicrosoft.com');
  expect(nearestUpn('eirk.johansson@contoso.onmicrosoft.com', users)).toBe('erik.johansson@contoso.onmicrosoft.com');
  expect(nearestUpn('emma.janson@contoso.onmicrosoft.com', users)).toBe('emma.jansson@contoso.onmicrosoft.com');
});

test('nothing within two edits, another domain, or a malformed name: no suggestion', () => {
  expect(nearestUpn('erik.persson@contoso.onmicrosoft.com', users)).toBeUndefined();
  expect(nearestUpn('erik.johanson@northwind.com', users)).toBeUndefined();
  expect(nearestUpn('erik.johansson', users)).toBeUndefined();
  expect(nearestUpn('e@contoso.onmicrosoft.com', ['f@contoso.onmicrosoft.com', 'ef@contoso.onmicrosoft.com'])).toBe('f@contoso.onmicrosoft.com');
});
