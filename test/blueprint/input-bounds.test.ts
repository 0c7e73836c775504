/**
 * Bounded work for every input (issue 8, point 6; issue 13's bounded "did you mean"): a long
 * unknown name, many inline rows, deep nesting and a flood of problems each end quickly with a
 * clear diagnostic instead of running out of memory or time.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH } from '../../src/blueprint/index.ts';
import { MAX_DIAGNOSTICS } from '../../src/blueprint-core/report.ts';
import { didYouMean, levenshtein } from '../../src/blueprint-core/rules.ts';
import { HEAD, load, where } from './helpers.ts';

describe('bounded work', () => {
  it('a 30,000-character unknown shared column next to a 30,000-character one: an error at once (was 49 s, then out of memory)', async () => {
    const a = 'c' + 'x'.repeat(29_999);
    const b = 'c' + 'y'.repeat(29_999);
    const r = await load([
      ...HEAD,
      'columns:',
      `  ? ${a}`, // an explicit key: YAML limits implicit keys to 1024 characters
      '  : { name: Fee, type: number }',
      'sites:',
      '  - url: /sites/a',
      '    type: communication',
      '    title: A',
      `    columns: [{ use: ${b} }]`,
    ]);
    expect(where(r)).toEqual(['BP303 10:22']);
    expect(r.diagnostics[0]!.message).not.toContain('did you mean');
    expect(r.diagnostics[0]!.message.length).toBeLessThan(400); // the names are not echoed at length
  });

  it('"did you mean" still finds typos, and the distance stops early', () => {
    expect(didYouMean('titel', ['title', 'type', 'description'])).toBe('title');
    expect(didYouMean('Beslutt', ['Beslut', 'Arenden'])).toBe('Beslut');
    expect(didYouMean('zzzzzz', ['title'])).toBeUndefined();
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('kitten', 'sitting', 1)).toBe(2); // over the limit: limit + 1
    expect(levenshtein('a'.repeat(100_000), 'b', 2)).toBe(3); // the length difference alone
  });

  it('more than 10,000 inline rows: BP404 at rows:, like a CSV', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `      - { a: s${i} }`);
    const r = await load([...HEAD, 'templates: { t: { type: team, url: "/sites/{{ row.a }}", title: x } }', 'workspaces:', '  - template: t', '    rows:', ...rows]);
    expect(where(r)).toEqual(['BP404 7:7']);
    expect(r.diagnostics[0]!.message).toBe('100000 inline rows (at most 10000, as for a CSV file)');
    expect(r.desired).toBeUndefined();
  }, 180_000); // parsing 1.6 MB of YAML on a loaded 2-core machine

  it('more than 50,000 rows in all workspaces entries: BP404 at the entry that crosses the bound', async () => {
    const csv = 'a\n' + Array.from({ length: 10_000 }, (_, i) => `s${i}`).join('\n');
    const entries = Array.from({ length: 6 }, () => '  - { template: nope, rows: d.csv }');
    const r = await load([...HEAD, 'workspaces:', ...entries], { 'd.csv': csv });
    expect(where(r).filter((w) => w.startsWith('BP404'))).toEqual(['BP404 9:29']);
    expect(r.diagnostics.find((d) => d.code === 'BP404')!.message).toContain('60000 rows so far (at most 50000 in all)');
  });

  it('more than 100 rows files: BP404 at the 101st', async () => {
    const entries = Array.from({ length: 101 }, () => '  - { template: nope, rows: e.csv }');
    const r = await load([...HEAD, 'workspaces:', ...entries], { 'e.csv': 'a\nx\n' });
    expect(where(r).filter((w) => w.startsWith('BP404'))).toEqual(['BP404 104:29']);
  });

  it('flow nesting deeper than 64 levels is refused before parsing (1 MB of [ took 37 s and overflowed the stack)', async () => {
    const n = 500_000;
    const r = await load(`version: 1\nname: ${'['.repeat(n)}${']'.repeat(n)}\n`);
    expect(where(r)).toEqual([`BP105 2:${7 + MAX_DEPTH}`]);
    expect(r.diagnostics[0]!.message).toContain('nesting deeper than 64');
  });

  it('block nesting deeper than 64 levels is refused with a plain message', async () => {
    const lines = ['version: 1', 'description:'];
    for (let i = 1; i <= 100; i++) lines.push(`${' '.repeat(i * 2)}k${i}:`);
    const r = await load(lines);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['BP105']);
    expect(r.diagnostics[0]!.message).toMatch(/nesting (deeper than|too deep)/);
  });

  it('at most 1,000 diagnostics are listed, then a count of the rest (BP109)', async () => {
    const sites = Array.from({ length: 3_000 }, (_, i) => `  - { url: /sites/s${i}, type: communication, title: T, titel: x }`);
    const r = await load([...HEAD, 'sites:', ...sites]);
    expect(r.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    const last = r.diagnostics[r.diagnostics.length - 1]!;
    expect(last.code).toBe('BP109');
    expect(last.severity).toBe('error');
    expect(last.message).toBe('2000 more problems not shown (at most 1000 are listed)');
  });
});
