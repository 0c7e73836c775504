/**
 * A kind's one registry line: the three layer registries of the kinds (src/kinds/
 * declared.generated.ts, pure.generated.ts, registry.generated.ts) are what
 * scripts/gen-kind-registries.ts writes from the list of kinds (src/kinds/kind-list.ts), and the
 * list names exactly the kinds' folders, each with the exports the registries import; each kind
 * has its row in docs/coverage.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { KIND_FOLDERS } from '../../src/kinds/kind-list.ts';
import { RUN_GENERATOR, kindListProblems, kindName, kindRegistryTexts } from '../../scripts/kind-registries/codegen.ts';

/** The repository, wherever vitest runs from (the registries' paths are relative to it). */
const root = resolve(import.meta.dirname, '..', '..');

test(`the kind registries are generated from src/kinds/kind-list.ts (run: ${RUN_GENERATOR})`, () => {
  for (const [path, text] of Object.entries(kindRegistryTexts(KIND_FOLDERS))) {
    expect(readFileSync(join(root, path), 'utf8'), `${path} is stale: run ${RUN_GENERATOR}`).toBe(text);
  }
});

test('src/kinds/kind-list.ts names every kind\'s folder, and only those', () => {
  expect(kindListProblems(join(root, 'src/kinds'), KIND_FOLDERS)).toEqual([]);
});

test('docs/coverage.md has a row for every kind (its address, APIs, pruning and limits)', () => {
  const doc = readFileSync(join(root, 'docs/coverage.md'), 'utf8');
  const missing = KIND_FOLDERS.map(kindName).filter((k) => !new RegExp(`^\\| ${k} \\|`, 'm').test(doc));
  expect(missing, 'kinds without a row in docs/coverage.md').toEqual([]);
});

const scratch = mkdtempSync(join(tmpdir(), 'kind-list-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(scratch, path, '..'), { recursive: true });
  writeFileSync(join(scratch, path), text);
}

test('the check sees an unlisted kind, a line without a folder and a missing export', () => {
  // a whole kind, listed
  write('doc-set/model.ts', "export const docSetDeclaration = declareKind<DocSetProps>()('docSet', { prunable: false });\n");
  write('doc-set/spec.ts', 'export const docSetSpec = {};\n');
  write('doc-set/effects.ts', 'export const docSetEffects = {};\n');
  // a kind nobody listed (its model declares it)
  write('label/model.ts', "export const labelDeclaration = declareKind<LabelProps>()('label', { prunable: false });\n");
  // a listed kind whose spec exports another name, and no effects
  write('hub/model.ts', "export const hubDeclaration = declareKind<HubProps>()('hub', { prunable: false });\n");
  write('hub/spec.ts', 'export const hubSiteSpec = {};\n');
  // what kinds share is not a kind
  write('shared/csom.ts', 'export const x = 1;\n');
  write('site/model.ts', 'export function siteAddress(url: string) { return url; }\n');

  expect(kindListProblems(scratch, ['doc-set', 'hub', 'gone'])).toEqual([
    'src/kinds/hub/spec.ts does not export hubSpec (`export const hubSpec`)',
    "src/kinds/hub/effects.ts is missing: a kind's folder exports hubEffects from it",
    "src/kinds/kind-list.ts names 'gone', but there is no folder src/kinds/gone/: add the kind's folder or remove the line",
    `src/kinds/label/ holds a kind, but src/kinds/kind-list.ts does not name it: add the line 'label', then run ${RUN_GENERATOR}`,
  ]);
  expect(kindListProblems(scratch, ['doc-set', 'doc-set', 'Label'])[0]).toBe("src/kinds/kind-list.ts names 'doc-set' twice");
});

test('a kind\'s line is one import and one entry in each registry, in the list\'s order', () => {
  const texts = kindRegistryTexts(['doc-set', 'view']);
  expect(texts['src/kinds/declared.generated.ts']).toContain("import { docSetDeclaration } from './doc-set/model.ts';");
  expect(texts['src/kinds/pure.generated.ts']).toMatch(/ {2}docSet: docSetSpec,\n {2}view: viewSpec,\n\};/);
  expect(texts['src/kinds/registry.generated.ts']).toContain('  docSet: { ...KIND_SPECS.docSet.rules, ...docSetEffects },');
});
