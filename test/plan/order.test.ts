/** orderByDependencies is pure: in-memory changes only. */
import { expect, test } from 'vitest';
import type { Change } from '../../src/model/change.ts';
import { orderByDependencies } from '../../src/plan/order.ts';

const change = (address: string, ...dependsOn: string[]): Change => ({ address, kind: 'list', action: 'create', dependsOn, api: 'Graph', after: {} }) as Change;
const addresses = (changes: Change[]) => changes.map((c) => c.address);

test('each change comes after what it depends on; otherwise the given order is kept', () => {
  const ordered = orderByDependencies([change('c', 'b'), change('a'), change('b', 'a'), change('d')]);
  expect(addresses(ordered)).toEqual(['a', 'b', 'c', 'd']);
});

test('a dependency on an address not in the list is ignored', () => {
  expect(addresses(orderByDependencies([change('b', 'elsewhere'), change('a')]))).toEqual(['b', 'a']);
});

test('a cycle is refused, naming a change on it', () => {
  expect(() => orderByDependencies([change('a', 'b'), change('b', 'a')])).toThrow(/dependency cycle through (a|b)/);
});

test('every change is kept, also two of one address (each placed once)', () => {
  const ordered = orderByDependencies([change('x', 'y'), change('y'), change('x')]);
  expect(ordered).toHaveLength(3);
  expect(addresses(ordered)).toEqual(['y', 'x', 'x']);
});
