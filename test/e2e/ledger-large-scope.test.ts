/**
 * An ownership record larger than one ledger item holds. The `Owned` column is multiple lines of
 * text, 63,999 characters at most (the local tenant refuses more, as Graph states the column's
 * maxLength), and a blueprint of 50,000 rows would put ~100,000 characters in each of its 32 site
 * shards: the ledger continues such a record in more items, and reads the union of them back.
 */
import { expect, test } from 'vitest';
import { OwnershipLedger } from '../../src/ownership/ledger.ts';
import { CREATING } from '../../src/ownership/ledger-record.ts';
import { LEDGER_LIST, type LedgerScope } from '../../src/ownership/ledger-scope.ts';
import type { Target } from '../../src/tenant/target.ts';
import { withLocalTarget } from '../support/apply-run.ts';

const SITE_ID = 'contoso.sharepoint.com,2c712604-1370-44e7-a1f5-426573fda80a,2d2244c3-251a-49ea-93a8-39e1c3a060fe';

function sites(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `site[/sites/samhallsbyggnad-detaljplan-${String(i).padStart(5, '0')}-kvarteret-norra]`);
}

interface Item {
  id: string;
  fields: { Title?: string; Owned?: string };
}

async function rootItems(t: Target): Promise<{ items: Item[]; path: string }> {
  const root = (await t.client.graph.get<{ id: string }>('/sites/root?$select=id')).id;
  const list = await t.client.graph.get<{ id: string }>(`/sites/${root}/lists/${LEDGER_LIST}?$select=id`);
  const path = `/sites/${root}/lists/${list.id}/items`;
  return { items: await t.client.graph.list<Item>(`${path}?$expand=fields`), path };
}

test('a record past one item continues in more, each within the column, and reads back whole', async () => {
  await withLocalTarget('ledger-large', async (t) => {
    const scope: LedgerScope = { siteId: 'root', item: 'kommun sites 3' };
    const all = sites(1200);

    // One wave of intents (one write each item), then every outcome.
    const ledger = new OwnershipLedger(t.client.graph, 'kommun');
    await ledger.intend(scope, all[0]!, all.slice(1));
    const intents = ledger.stats.writes;
    for (const a of all) ledger.settle(scope, a, SITE_ID);
    await ledger.flush();

    const { items, path } = await rootItems(t);
    const mine = items.filter((i) => i.fields.Title === 'kommun sites 3' || i.fields.Title?.startsWith('kommun sites 3 #'));
    expect(mine.length).toBeGreaterThanOrEqual(4);
    // One write an item for the intents, one for the outcomes; nothing left to write after.
    expect(intents).toBe(mine.length);
    expect(ledger.stats.writes).toBe(2 * mine.length);
    await ledger.flush();
    expect(ledger.stats.writes).toBe(2 * mine.length);
    for (const i of mine) expect(i.fields.Owned!.length).toBeLessThanOrEqual(63_999);
    expect(mine.reduce((n, i) => n + i.fields.Owned!.length, 0)).toBeGreaterThan(3 * 63_999);

    // Another run reads the whole record: the scope, and the blueprint's sites.
    const reader = new OwnershipLedger(t.client.graph, 'kommun');
    expect((await reader.owned(scope)).size).toBe(1200);
    expect(await reader.recorded(scope, all[1199]!)).toBe(SITE_ID);
    const owned = await reader.ownedSites();
    expect(owned.unreadable).toEqual([]);
    expect(new Set(owned.sites)).toEqual(new Set(all));

    // Deleting some rewrites the items that held them and leaves the rest where it was.
    const writer = new OwnershipLedger(t.client.graph, 'kommun');
    for (const a of all.slice(0, 500)) writer.forget(scope, a);
    await writer.flush();
    const after = await new OwnershipLedger(t.client.graph, 'kommun').owned(scope);
    expect([...after].sort()).toEqual(all.slice(500).sort());

    // The column refuses what one item cannot hold: the limit the ledger keeps to is the tenant's.
    const first = (await rootItems(t)).items.find((i) => i.fields.Title === 'kommun sites 3')!;
    await expect(t.client.graph.patch(`${path}/${first.id}/fields`, { Owned: 'x'.repeat(64_000) })).rejects.toThrow(/maximum length of 63999/);
  });
});

test('a small record costs one write for its intents and one for its outcomes', async () => {
  await withLocalTarget('ledger-small', async (t) => {
    const scope: LedgerScope = { siteId: 'root', item: 'liten sites 1' };
    const ledger = new OwnershipLedger(t.client.graph, 'liten');
    const three = sites(3);
    await Promise.all(three.map((a) => ledger.intend(scope, a, three)));
    expect(ledger.stats.writes).toBe(1);
    for (const a of three) ledger.settle(scope, a, SITE_ID);
    await ledger.flushScope(scope);
    await ledger.flush();
    expect(ledger.stats.writes).toBe(2);
    expect((await new OwnershipLedger(t.client.graph, 'liten').owned(scope)).size).toBe(3);
  });
});

test('a second item of one title (a create whose answer was lost, sent again) is read with the first, and folded into it by the next write', async () => {
  await withLocalTarget('ledger-stray', async (t) => {
    const scope: LedgerScope = { siteId: 'root', item: 'dubbel sites 2' };
    const first = new OwnershipLedger(t.client.graph, 'dubbel');
    await first.intend(scope, 'site[/sites/a]');
    const { path } = await rootItems(t);
    // The same title again, as a retried create would leave it, holding records of its own.
    await t.client.graph.post(path, { fields: { Title: 'dubbel sites 2', Owned: JSON.stringify({ 'site[/sites/b]': 'id-b', 'site[/sites/c]': 'id-c' }) } });

    const reader = new OwnershipLedger(t.client.graph, 'dubbel');
    expect([...(await reader.owned(scope))].sort()).toEqual(['site[/sites/a]', 'site[/sites/b]', 'site[/sites/c]']);
    expect((await reader.ownedSites()).sites.sort()).toEqual(['site[/sites/a]', 'site[/sites/b]', 'site[/sites/c]']);

    // A run that forgets c writes the first item with a and b, then deletes the second.
    const writer = new OwnershipLedger(t.client.graph, 'dubbel');
    writer.forget(scope, 'site[/sites/c]');
    await writer.flush();
    const items = (await rootItems(t)).items.filter((i) => i.fields.Title === 'dubbel sites 2');
    expect(items).toHaveLength(1);
    expect(Object.keys(JSON.parse(items[0]!.fields.Owned!)).sort()).toEqual(['site[/sites/a]', 'site[/sites/b]']);
  });
});

test("a blueprint's sites are its own shards' only, not those of a blueprint whose name starts like it", async () => {
  await withLocalTarget('ledger-names', async (t) => {
    const kommun = new OwnershipLedger(t.client.graph, 'kommun');
    await kommun.intend({ siteId: 'root', item: 'kommun sites 1' }, 'site[/sites/egen]');
    const other = new OwnershipLedger(t.client.graph, 'kommun sites 1');
    await other.intend({ siteId: 'root', item: 'kommun sites 1 sites 4' }, 'site[/sites/annan]');
    await other.intend({ siteId: 'root', item: 'kommun sites 1 tenant' }, 'termGroup[Annan]');

    const read = await new OwnershipLedger(t.client.graph, 'kommun').ownedSites();
    expect(read).toEqual({ sites: ['site[/sites/egen]'], recorded: new Map([['site[/sites/egen]', CREATING]]), unreadable: [] });
    expect((await new OwnershipLedger(t.client.graph, 'kommun sites 1').ownedSites()).sites).toEqual(['site[/sites/annan]']);
  });
});
