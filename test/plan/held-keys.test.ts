/** settleHeldCreates is pure: in-memory changes and observed states only. */
import { expect, test } from 'vitest';
import type { Change } from '../../src/model/change.ts';
import type { Observed } from '../../src/model/observed.ts';
import { settleHeldCreates } from '../../src/plan/held-keys.ts';

const site = 'site[/sites/a]';
const create = (address: string, dependsOn: string[] = []): Change => ({ address, kind: 'list', dependsOn, api: 'x', action: 'create', after: {} }) as Change;
const del = (address: string): Change => ({ address, kind: 'list', dependsOn: [], api: 'x', action: 'delete', id: '1', ids: {}, before: {} }) as Change;

test('a held create waits for the holder\'s delete (names compared as the service compares them); one with no such delete is unknown, and so is what lies under it', () => {
  const changes = [
    create(`${site}/list[New]`),
    create(`${site}/list[New]/column[C]`, [`${site}/list[New]`]),
    create(`${site}/list[New]/column[C]/x[Deep]`),
    create(`${site}/list[Kept]`),
    create(`${site}/list[Other]`),
    del(`${site}/list[OLD]`),
  ];
  const observed: Observed = new Map([
    [`${site}/list[New]`, { status: 'absent', heldBy: { address: `${site}/list[Taken]`, reason: 'taken by Taken' } }],
    [`${site}/list[New]/column[C]`, { status: 'absent' }],
    [`${site}/list[Kept]`, { status: 'absent' }],
    [`${site}/list[Other]`, { status: 'absent', heldBy: { address: `${site}/list[old]`, reason: 'taken by old' } }],
  ]);
  const { changes: out, reordered } = settleHeldCreates(changes, observed, (reason) => `digest:${reason}`);
  expect(reordered).toBe(true);
  expect(out[0]).toMatchObject({ action: 'unknown', reason: 'taken by Taken', observedDigest: 'digest:taken by Taken' });
  expect(out[1]).toMatchObject({ action: 'unknown', reason: `its parent ${site}/list[New] could not be read` });
  expect(out[2]).toMatchObject({ action: 'unknown', reason: `its parent ${site}/list[New] could not be read` });
  expect(out[3]).toBe(changes[3]);
  expect(out[4]).toMatchObject({ action: 'create', dependsOn: [`${site}/list[OLD]`] });
  expect(changes[4]!.dependsOn).toEqual([]);
});

test('a plan with no held create is returned as it is', () => {
  const changes = [create(`${site}/list[New]`)];
  const result = settleHeldCreates(changes, new Map([[`${site}/list[New]`, { status: 'absent' }]]));
  expect(result).toEqual({ changes, reordered: false });
  expect(result.changes).toBe(changes);
});
