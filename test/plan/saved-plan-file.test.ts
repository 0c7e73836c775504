/**
 * Reading a saved plan back (src/cli/saved-plan-file.ts): in the layout `provision plan --out`
 * writes it is read a resource and a change at a time; in any other JSON layout it is parsed
 * whole, up to a bound; either way the plan is the one that was saved.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { planHeader } from '../support/plan-header.ts';
import { PLAN_FORMAT_VERSION, type Plan } from '../../src/model/plan.ts';
import { parsePlanJson, renderPlanJson } from '../../src/plan/render-json.ts';
import { gathered, writeFileChunks } from '../../src/cli/chunked-file.ts';
import { planJsonChunks } from '../../src/plan/render-json.ts';
import { MAX_LINE_CHARS, MAX_SAVED_PLAN_BYTES, MAX_WHOLE_BYTES, readSavedPlan } from '../../src/cli/saved-plan-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'saved-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sites = Array.from({ length: 50 }, (_, i) => `site[/sites/s${i}]`);
const plan: Plan = {
  ...planHeader,
  resources: sites.map((address, i) => ({ kind: 'teamSite', address, props: { url: `/sites/s${i}`, title: `Site "${i}",\nwith a new line`, owners: ['a@contoso.com'], nested: { x: [1, { y: null }] }, empty: [] } })) as unknown as Plan['resources'],
  prune: [],
  summary: { add: 50, change: 1, destroy: 0, unknown: 0 },
  changes: ([
    ...sites.map((address) => ({ address, kind: 'teamSite', action: 'create' as const, dependsOn: [], api: 'SP', observedDigest: 'absent', after: { title: 'T', å: 'ä' } })),
    { address: 'site[/sites/x]', kind: 'teamSite', action: 'update' as const, dependsOn: ['site[/sites/s0]'], api: 'SP', observedDigest: 'd', id: 'x', ids: { siteId: 'x' }, before: { title: 'Old' }, after: { title: 'New' }, changes: [{ name: 'title', before: 'Old', after: 'New' }] },
    { address: 'site[/sites/y]', kind: 'teamSite', action: 'noop' as const, dependsOn: [], api: 'SP', observedDigest: 'd', id: 'y', ids: {} },
  ] as unknown as Plan['changes']),
};

test('a plan saved by plan --out reads back as the plan that was saved, as the whole parse reads it', async () => {
  const file = join(dir, 'written.json');
  writeFileChunks(file, planJsonChunks(plan));
  const read = await readSavedPlan(file);
  expect(read).toEqual(parsePlanJson(readFileSync(file, 'utf8'), file));
  expect(read).toEqual(plan);
});

test('with Windows line ends (a plan checked out with autocrlf) it reads the same', async () => {
  const file = join(dir, 'crlf.json');
  writeFileSync(file, renderPlanJson(plan).replaceAll('\n', '\r\n'));
  expect(await readSavedPlan(file)).toEqual(plan);
});

test('in another layout (minified, reformatted) it is parsed whole', async () => {
  const minified = join(dir, 'minified.json');
  writeFileSync(minified, JSON.stringify(JSON.parse(renderPlanJson(plan))));
  expect(await readSavedPlan(minified)).toEqual(plan);
  const four = join(dir, 'four-spaces.json');
  writeFileSync(four, JSON.stringify(JSON.parse(renderPlanJson(plan)), null, 4));
  expect(await readSavedPlan(four)).toEqual(plan);
});

test('a broken plan is reported as the whole parse reports it, with the file', async () => {
  const cut = join(dir, 'cut.json');
  const text = renderPlanJson(plan);
  writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
  await expect(readSavedPlan(cut)).rejects.toThrow(/cut\.json: not a JSON plan/);
  const older = join(dir, 'older.json');
  writeFileSync(older, renderPlanJson({ ...plan, formatVersion: 2 as typeof PLAN_FORMAT_VERSION }));
  await expect(readSavedPlan(older)).rejects.toThrow(/older\.json: the plan was made by an older version/);
});

test('a file too large to parse whole, not in the written layout, is refused with its size', async () => {
  const huge = join(dir, 'huge.json');
  writeFileSync(huge, '[');
  truncateSync(huge, MAX_WHOLE_BYTES + 1); // sparse: nothing is written
  await expect(readSavedPlan(huge)).rejects.toThrow(/huge\.json: a saved plan of 524,288,001 bytes is larger than the 524,288,000 bytes \(500 MB\) that can be read in one piece/);
});

test('a file in the written layout larger than a saved plan may be is refused with its size, before it is read', async () => {
  const huge = join(dir, 'huge-written.json');
  writeFileSync(huge, '{\n');
  truncateSync(huge, MAX_SAVED_PLAN_BYTES + 1); // sparse: reading it would take 2 GiB of zeros
  await expect(readSavedPlan(huge)).rejects.toThrow(/huge-written\.json: a saved plan of 2,147,483,649 bytes is larger than the 2,147,483,648 bytes \(2 GiB\) a saved plan may be/);
});

test('a line longer than any saved plan has is refused naming the line (it was read until V8 gave up: a crash)', async () => {
  const long = join(dir, 'long-line.json');
  writeFileSync(long, `{\n  "formatVersion": 3,\n  "x": "${'a'.repeat(MAX_LINE_CHARS + 1)}"\n}\n`);
  await expect(readSavedPlan(long)).rejects.toThrow(/long-line\.json:3: a line longer than 67,108,864 characters; a plan saved by `provision plan --out` has one JSON value a line/);
});

test.runIf(existsSync('/proc/self/fd'))('a file left early for the whole parse is closed (no open file is left behind)', async () => {
  const odd = join(dir, 'odd-layout.json');
  writeFileSync(odd, `{\n  not a field\n${'x'.repeat(1_000_000)}\n}\n`);
  const open = () => readdirSync('/proc/self/fd').length;
  const before = open();
  for (let i = 0; i < 10; i++) await expect(readSavedPlan(odd)).rejects.toThrow(/odd-layout\.json: not a JSON plan/);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(open()).toBeLessThanOrEqual(before + 1);
});

test('pieces are gathered into writes of at least the size asked, the last shorter, none empty, nothing lost', () => {
  const pieces = ['ab', '', 'cde', 'f', 'ghij', 'k'];
  expect([...gathered(pieces, 4)]).toEqual(['abcde', 'fghij', 'k']);
  expect([...gathered([], 4)]).toEqual([]);
  expect([...gathered(['', ''], 4)]).toEqual([]);
});
