/**
 * UrlLookups (src/kinds/shared/url-lookups.ts) with in-memory sources: the first DIRECT_FIRST
 * URLs are read one each, the rest from one listing; the listing reads a page only while fewer
 * pages were read than URLs asked (and never past LISTING_PAGES_AT_MOST), and a listing given up,
 * refused or failed leaves every URL to its own read.
 */
import { expect, test } from 'vitest';
import { DIRECT_FIRST, LISTING_PAGES_AT_MOST, UrlLookups, type UrlListing, type UrlSources } from '../../src/kinds/shared/url-lookups.ts';

/** A tenant of `pages` pages of answers (`held` holds an answer, page by page), counting reads. */
function sources(held: Map<string, string>, pages: number, listing: 'ok' | 'refused' | 'fails' = 'ok') {
  const count = { one: 0, pages: 0, listings: 0 };
  const s: UrlSources<string> = {
    one: async (url) => {
      count.one++;
      return held.get(url.toLowerCase());
    },
    all: async (more): Promise<UrlListing<string> | undefined> => {
      count.listings++;
      if (listing === 'refused') return undefined;
      if (listing === 'fails') throw new Error('503');
      for (let read = 0; read < pages; read++) {
        // a page is a request: the URLs asked meanwhile count
        await Promise.resolve();
        if (!more(read)) return { byPath: new Map(), complete: false };
        count.pages++;
      }
      return { byPath: new Map(held), complete: true };
    },
  };
  return { s, count };
}

const urls = (n: number) => Array.from({ length: n }, (_, i) => `/sites/u${i}`);

test('a few URLs are read one each; past DIRECT_FIRST one listing answers the rest (paths compared in lower case)', async () => {
  const held = new Map([['/sites/u9', 'nine'], ['/sites/u2', 'two']]);
  const { s, count } = sources(held, 2);
  const lookups = new UrlLookups(s);
  const answers = await Promise.all(urls(12).map((u) => lookups.find(u.toUpperCase().replace('/SITES', '/sites'))));
  expect(answers[2]).toBe('two');
  expect(answers[9]).toBe('nine');
  expect(answers.filter((a) => a === undefined)).toHaveLength(10);
  expect(count).toEqual({ one: DIRECT_FIRST, pages: 2, listings: 1 });
});

test('a listing longer than the URLs asked is given up, and those URLs are read one each', async () => {
  const { s, count } = sources(new Map(), 1_000_000);
  const lookups = new UrlLookups(s);
  await Promise.all(urls(DIRECT_FIRST + 3).map((u) => lookups.find(u)));
  expect(count.pages).toBeLessThanOrEqual(DIRECT_FIRST + 3);
  expect(count.one).toBe(DIRECT_FIRST + 3);
});

test('however many URLs are asked, a listing reads at most LISTING_PAGES_AT_MOST pages', async () => {
  const { s, count } = sources(new Map(), LISTING_PAGES_AT_MOST + 5);
  const lookups = new UrlLookups(s);
  await Promise.all(urls(LISTING_PAGES_AT_MOST + 50).map((u) => lookups.find(u)));
  expect(count.pages).toBe(LISTING_PAGES_AT_MOST);
  expect(count.one).toBe(LISTING_PAGES_AT_MOST + 50);
});

test('a refused or failed listing leaves every URL to its own read; the listing is tried once', async () => {
  for (const listing of ['refused', 'fails'] as const) {
    const { s, count } = sources(new Map([['/sites/u10', 'ten']]), 1, listing);
    const lookups = new UrlLookups(s);
    const answers = await Promise.all(urls(12).map((u) => lookups.find(u)));
    expect(answers[10]).toBe('ten');
    expect(count).toEqual({ one: 12, pages: 0, listings: 1 });
  }
});
