/** settleHeldKeys is pure: in-memory changes and observed states only. */
import { expect, test } from 'vitest';
import type { Change } from '../../src/model/change.ts';
import type { Observed, ObservedState } from '../../src/model/observed.ts';
import { settleHeldKeys } from '../../src/plan/held-keys.ts';

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
  const { changes: out, reordered } = settleHeldKeys(changes, observed, (reason) => `digest:${reason}`);
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
  const result = settleHeldKeys(changes, new Map([[`${site}/list[New]`, { status: 'absent' }]]));
  expect(result).toEqual({ changes, reordered: false });
  expect(result.changes).toBe(changes);
});

test("a held update writes the rest, its held properties not applied (beside what it already does not apply), or waits for the holder's delete; one that does not write what is held is left alone", () => {
  const update = (address: string, names: string[], notApplied?: { props: string[]; reason: string }): Change =>
    ({ address, kind: 'list', dependsOn: [], api: 'x', action: 'update', id: '1', ids: {}, before: {}, after: {}, changes: names.map((name) => ({ name, before: 'a', after: 'b' })), ...(notApplied ? { notApplied } : {}) }) as unknown as Change;
  const changes = [
    update(`${site}/list[A]`, ['title', 'description'], { props: ['other'], reason: 'already' }),
    update(`${site}/list[B]`, ['title']),
    update(`${site}/list[C]`, ['description']),
    del(`${site}/list[Gone]`),
  ];
  const heldBy = (holder: string) => ({ address: `${site}/list[${holder}]`, props: ['title'], reason: `taken by ${holder}` });
  const observed: Observed = new Map([
    [`${site}/list[A]`, { status: 'present', id: '1', props: {}, heldBy: heldBy('Kept') }],
    [`${site}/list[B]`, { status: 'present', id: '2', props: {}, heldBy: heldBy('gone') }],
    [`${site}/list[C]`, { status: 'present', id: '3', props: {}, heldBy: heldBy('Kept') }],
  ]);
  const { changes: out, reordered } = settleHeldKeys(changes, observed);
  expect(reordered).toBe(true);
  expect(out[0]).toMatchObject({ action: 'update', notApplied: { props: ['other', 'title'], reason: 'already; taken by Kept' } });
  expect(out[1]).toMatchObject({ action: 'update', dependsOn: [`${site}/list[Gone]`] });
  expect(out[1]!.notApplied).toBeUndefined();
  expect(out[2]).toBe(changes[2]);
});

test("a holder renamed away frees its key: the held change waits for that update, down a chain; a cycle, a rename to a name that still meets, and one not written stay held", () => {
  const rename = (address: string, prop: string, before: unknown, after: unknown, extra: Partial<{ partial: true; notApplied: { props: string[]; reason: string } }> = {}): Change =>
    ({ address, kind: 'list', dependsOn: [], api: 'x', action: 'update', id: '1', ids: {}, before: { [prop]: before }, after: { [prop]: after }, changes: [{ name: prop, before, after, ...(extra.partial ? { partial: true } : {}) }], ...(extra.notApplied ? { notApplied: extra.notApplied } : {}) }) as unknown as Change;
  const createWith = (address: string, after: Record<string, unknown>): Change => ({ address, kind: 'list', dependsOn: [], api: 'x', action: 'create', after }) as Change;
  const L = (n: string) => `${site}/list[${n}]`;
  const changes = [
    rename(L('A'), 'title', 'Arkiv', 'Arkiv 2025'), // frees "Arkiv"
    rename(L('B'), 'title', 'Beslut', 'ARKIV'), // takes it: waits for A
    createWith(L('N'), { title: 'beslut' }), // takes what B frees: waits for B, which waits for A
    rename(L('X'), 'title', 'Ett', 'Två'), // X and Y swap: a cycle
    rename(L('Y'), 'title', 'Två', 'Ett'),
    createWith(L('S'), { title: 'Samma' }), // its holder is renamed in case only: still held
    rename(L('Same'), 'title', 'Samma', 'SAMMA'),
    createWith(L('W'), { title: 'Vänta' }), // its holder's rename is not written: still held
    rename(L('Wait'), 'title', 'Vänta', 'Annat', { notApplied: { props: ['title'], reason: 'not written' } }),
    rename(L('T'), 'labels', { sv: 'Ett' }, { sv: 'Två' }, { partial: true }), // frees sv "Ett", keeps en "One"
    createWith(L('U'), { labels: { sv: 'ett' } }),
    createWith(L('V'), { labels: { sv: 'one' } }), // meets T's kept en label
    rename(L('P'), 'title', 'Protokoll', 'Gammalt'), // takes the title of a list the plan prunes, and frees its own
    del(L('Gammalt')),
    createWith(L('Q'), { title: 'protokoll' }), // takes what P frees: P waits for a delete, so Q may wait for P
  ];
  const holder = (by: string, props = ['title']) => ({ address: L(by), props, reason: `held by ${by}` });
  const present = (by: string, props?: string[]): ObservedState => ({ status: 'present', id: '1', props: {}, heldBy: holder(by, props) });
  const absent = (by: string, props?: string[]): ObservedState => ({ status: 'absent', heldBy: holder(by, props) });
  const observed: Observed = new Map<string, ObservedState>([
    [L('B'), present('A')],
    [L('N'), absent('B')],
    [L('X'), present('Y')],
    [L('Y'), present('X')],
    [L('S'), absent('Same')],
    [L('W'), absent('Wait')],
    [L('U'), absent('T', ['labels'])],
    [L('V'), absent('T', ['labels'])],
    [L('P'), present('Gammalt')],
    [L('Q'), absent('P')],
  ]);
  (changes[9] as { changes: { before: unknown }[] }).changes[0]!.before = { sv: 'Ett', en: 'One' };
  const { changes: out, reordered } = settleHeldKeys(changes, observed);
  expect(reordered).toBe(true);
  expect(out[1]).toMatchObject({ action: 'update', dependsOn: [L('A')] });
  expect(out[1]!.notApplied).toBeUndefined();
  expect(out[2]).toMatchObject({ action: 'create', dependsOn: [L('B')] });
  expect(out[3]).toMatchObject({ notApplied: { props: ['title'], reason: 'held by Y' } });
  expect(out[4]).toMatchObject({ notApplied: { props: ['title'], reason: 'held by X' } });
  expect(out[5]).toMatchObject({ action: 'unknown', reason: 'held by Same' });
  expect(out[7]).toMatchObject({ action: 'unknown', reason: 'held by Wait' });
  expect(out[10]).toMatchObject({ action: 'create', dependsOn: [L('T')] });
  expect(out[11]).toMatchObject({ action: 'unknown', reason: 'held by T' });
  expect(out[12]).toMatchObject({ action: 'update', dependsOn: [L('Gammalt')] });
  expect(out[14]).toMatchObject({ action: 'create', dependsOn: [L('P')] });
});
