/**
 * How one scope's ownership record is spread over ledger items (src/ownership/ledger-parts.ts),
 * with in-memory values: no item's text passes what a multi-line text column holds, an address
 * stays in the item that holds it, and continuation titles are told from other blueprints' items.
 */
import { describe, expect, it } from 'vitest';
import { layOut, OWNED_MAX_CHARS, PART_BUDGET, partIndexOf, partsOf, partTitle, serializeOwned } from '../../src/ownership/ledger-parts.ts';

/** `n` site addresses of about `width` characters each. */
function addresses(n: number, width = 90, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `site[/sites/${'x'.repeat(width - 20)}-${String(from + i).padStart(6, '0')}]`);
}

const GRAPH_SITE_ID = 'contoso.sharepoint.com,2c712604-1370-44e7-a1f5-426573fda80a,2d2244c3-251a-49ea-93a8-39e1c3a060fe';

describe('the ledger record spread over items', () => {
  it('keeps a small record in one item', () => {
    const entries = new Map(addresses(10).map((a) => [a, 'creating']));
    const { parts, placed } = layOut(entries, new Map());
    expect(parts).toHaveLength(1);
    expect(parts[0]!.size).toBe(10);
    expect([...placed.values()].every((i) => i === 0)).toBe(true);
  });

  it('continues a record that outgrows one item, and every item still fits once every intent has its outcome', () => {
    // 2,000 intents of ~90 characters: ~200,000 characters, far past one item.
    const all = addresses(2000);
    const entries = new Map(all.map((a) => [a, 'creating']));
    const first = layOut(entries, new Map());
    expect(first.parts.length).toBeGreaterThanOrEqual(4);
    for (const part of first.parts) expect(serializeOwned(part).length).toBeLessThanOrEqual(PART_BUDGET);
    expect(first.parts.reduce((n, p) => n + p.size, 0)).toBe(2000);

    // Every create succeeded: each intent becomes a long Graph site id; no address moves.
    for (const a of all) entries.set(a, GRAPH_SITE_ID);
    const second = layOut(entries, first.placed);
    expect(second.placed).toEqual(first.placed);
    for (const part of second.parts) expect(serializeOwned(part).length).toBeLessThanOrEqual(OWNED_MAX_CHARS);
  });

  it('puts new addresses where there is room and never moves the ones placed', () => {
    const old = addresses(300);
    const placed = new Map(old.map((a, i) => [a, i % 2]));
    const entries = new Map(old.map((a) => [a, GRAPH_SITE_ID]));
    for (const a of addresses(5, 90, 1000)) entries.set(a, 'creating');
    const { parts, placed: next } = layOut(entries, placed);
    for (const a of old) expect(next.get(a)).toBe(placed.get(a));
    expect(parts).toHaveLength(2);
    expect(parts[0]!.size + parts[1]!.size).toBe(305);
  });

  it('gives up the last entries of an item that would pass the column (states longer than the room kept)', () => {
    const many = addresses(300);
    const long = 'y'.repeat(400);
    const entries = new Map(many.map((a) => [a, long]));
    const { parts, placed } = layOut(entries, new Map(many.map((a) => [a, 0])));
    expect(serializeOwned(new Map(many.map((a) => [a, long]))).length).toBeGreaterThan(OWNED_MAX_CHARS);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect(serializeOwned(part).length).toBeLessThanOrEqual(OWNED_MAX_CHARS);
    // The first entries stay where they were.
    expect(placed.get(many[0]!)).toBe(0);
    expect(placed.get(many[299]!)).not.toBe(0);
  });

  it('names continuation items after the scope, and tells them from other titles', () => {
    expect(partTitle('kommun sites 7', 0)).toBe('kommun sites 7');
    expect(partTitle('kommun sites 7', 2)).toBe('kommun sites 7 #3');
    expect(partIndexOf('kommun', 'kommun')).toBe(0);
    expect(partIndexOf('kommun', 'kommun #2')).toBe(1);
    expect(partIndexOf('kommun', 'kommun #1')).toBeUndefined();
    expect(partIndexOf('kommun', 'kommun #02')).toBeUndefined();
    expect(partIndexOf('kommun', 'kommun #2 nord')).toBeUndefined();
    expect(partIndexOf('kommun', 'kommun nord')).toBeUndefined();
    expect(partIndexOf('kommun sites 1', 'kommun sites 10')).toBeUndefined();
  });

  it("reads a scope's items in order, and the first that does not parse makes the scope unknown", () => {
    const item = (id: string, Title: string, Owned: string) => ({ id, fields: { Title, Owned } });
    const parts = partsOf([item('3', 'b #2', '{"site[/sites/c]":"1"}'), item('1', 'a', '{}'), item('2', 'b', '["site[/sites/d]"]')], 'b');
    expect(Array.isArray(parts) && parts.map((p) => [p.index, p.item.id, [...p.entries.keys()]])).toEqual([
      [0, '2', ['site[/sites/d]']],
      [1, '3', ['site[/sites/c]']],
    ]);
    expect(partsOf([item('2', 'b', '{}'), item('3', 'b #2', '{"site[/sites/c]":')], 'b')).toEqual({ title: 'b #2', error: expect.stringContaining('not JSON') });
  });
});
