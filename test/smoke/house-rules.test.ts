/**
 * The house rules of src/ that a reader cannot see file by file, checked from the source text
 * (no dependency, no compile): no import circle, no import that runs back up the layers declared
 * below (LAYERS; the emulator stands apart), and no hand-written source file over 400 lines
 * (generated `*.generated.ts` files apart), in the emulator (src/emulator/) as everywhere else.
 * The files that break a rule today are listed below with the reason; the lists only shrink: an
 * entry that no longer breaks the rule fails the test until it is removed, and a listed file may
 * not grow.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { expect, test } from 'vitest';

const SRC = 'src';
const MAX_LINES = 400;
/**
 * Files over 400 lines allowed, with their length (they may not grow; a split one leaves the
 * list). None since issue 11 split the last of them; keep it that way.
 */
const LONG_FILES_ALLOWED: Record<string, number> = {};

/** Import circles allowed today, each as its sorted files joined by ' <-> '. None, the emulator's included. */
const CIRCLES_ALLOWED: string[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path.split('\\').join('/')] : [];
  });
}

/** What a file imports from src/ (static, re-exports, type-only, side-effect and dynamic imports). */
function importsOf(file: string, text: string, known: Set<string>): string[] {
  const specifiers = [...text.matchAll(/(?:^|[\s;])(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[1] ?? m[2]!);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = normalize(join(dirname(file), s)).split('\\').join('/');
      const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}/index.ts`];
      return candidates.find((c) => known.has(c)) ?? base;
    })
    .filter((target) => known.has(target));
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/**
 * The layers of src/, lowest first (docs/design.md, "Layers"): a file may import its own layer
 * and the layers below it, never one above. A file is in the first layer (lowest first) that one
 * of its globs matches (`*`: within one folder, `**`: any depth), so the kinds' `model.ts` leaves
 * sit with src/model/ although the rest of src/kinds/ is higher. Every file of src/ must be in a
 * layer or in the emulator.
 */
const LAYERS: { name: string; globs: string[] }[] = [
  { name: 'time', globs: ['src/time/**'] },
  // the model and the kinds' declarations: model/resources.ts derives the kind union from declared.ts
  // (and declared.generated.ts, written from the list of kinds, kind-list.ts, which imports nothing)
  { name: 'model', globs: ['src/model/**', 'src/kinds/*/model.ts', 'src/kinds/declared.ts', 'src/kinds/declared.generated.ts', 'src/kinds/kind-list.ts', 'src/kinds/kind-declaration.ts'] },
  { name: 'blueprint-core', globs: ['src/blueprint-core/**'] },
  { name: 'tenant', globs: ['src/tenant/**'] },
  { name: 'kind contracts', globs: ['src/kinds/kind-rules.ts', 'src/kinds/kind-effects.ts', 'src/kinds/kind-spec.ts'] },
  { name: 'kinds/shared', globs: ['src/kinds/shared/**'] },
  { name: 'kinds', globs: ['src/kinds/*/**'] },
  { name: 'kind registries', globs: ['src/kinds/pure.ts', 'src/kinds/pure.generated.ts', 'src/kinds/registry.ts', 'src/kinds/registry.generated.ts'] },
  { name: 'blueprint', globs: ['src/blueprint/**'] },
  { name: 'ownership', globs: ['src/ownership/**'] },
  // plan, observe and apply import none of each other today; the pure planner is the lowest
  { name: 'plan', globs: ['src/plan/**'] },
  { name: 'observe', globs: ['src/observe/**'] },
  { name: 'apply', globs: ['src/apply/**'] },
  { name: 'engine', globs: ['src/engine/**'] },
  { name: 'cli', globs: ['src/cli/**'] },
];
/** The local tenant: imports nothing outside itself, and only these files may start it. */
const EMULATOR = 'src/emulator/**';
const EMULATOR_STARTERS = ['src/tenant/**', 'src/cli/**'];

function globMatches(glob: string, file: string): boolean {
  const pattern = glob.split(/(\*\*|\*)/).map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${pattern}$`).test(file);
}

/** The index in LAYERS of a file's layer, 'emulator', or undefined when no layer holds it. */
function layerOf(file: string): number | 'emulator' | undefined {
  if (globMatches(EMULATOR, file)) return 'emulator';
  const at = LAYERS.findIndex((layer) => layer.globs.some((glob) => globMatches(glob, file)));
  return at < 0 ? undefined : at;
}

/** The imports of the graph that break the layers, each as 'file -> target (layer -> higher layer)'. */
function importsUp(graph: Map<string, string[]>): string[] {
  const name = (layer: number | 'emulator' | undefined): string => (typeof layer === 'number' ? LAYERS[layer]!.name : String(layer));
  const out: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const target of targets) {
      const to = layerOf(target);
      const broken =
        from === 'emulator' ? to !== 'emulator'
        : to === 'emulator' ? !EMULATOR_STARTERS.some((glob) => globMatches(glob, file))
        : from === undefined || to === undefined || to > from;
      if (broken) out.push(`${file} -> ${target} (${name(from)} -> ${name(to)})`);
    }
  }
  return out.sort();
}

const files = sourceFiles(SRC);
const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

test('the import graph of src/ has no circle, the emulator included', () => {
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, texts.get(f)!, known)]));
  // the parser sees the imports it must: a file known to import another is found doing so
  expect(graph.get('src/engine/run-apply.ts')).toContain('src/apply/apply-plan.ts');
  expect(graph.get('src/blueprint/schema.ts')).toContain('src/blueprint-core/schema-common.ts');
  expect(graph.get('src/emulator/store.ts')).toContain('src/emulator/metadata-store.ts'); // type-only and emulator imports count
  expect(graph.get('src/emulator/journal-op.ts')).toContain('src/emulator/security-state.ts');
  // the circle finder finds one when there is one
  expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['d']]]))).toEqual([['a', 'b', 'c'], ['d']]);
  const found = circles(graph).map((component) => component.join(' <-> '));
  expect(found.filter((c) => !CIRCLES_ALLOWED.includes(c))).toEqual([]);
  expect(CIRCLES_ALLOWED.filter((c) => !found.includes(c))).toEqual([]); // fixed: remove it from the list
});

test('no import runs back up the layers of src/, and the emulator stands apart', () => {
  // the glob and layer rules mean what they say
  expect(globMatches('src/kinds/*/model.ts', 'src/kinds/view/model.ts')).toBe(true);
  expect(globMatches('src/kinds/*/**', 'src/kinds/pure.ts')).toBe(false);
  expect(globMatches('src/time/**', 'src/timer/x.ts')).toBe(false);
  expect(layerOf('src/kinds/view/model.ts')).toBe(LAYERS.findIndex((l) => l.name === 'model'));
  expect(layerOf('src/kinds/view/rules.ts')).toBe(LAYERS.findIndex((l) => l.name === 'kinds'));
  expect(importsUp(new Map([['src/model/a.ts', ['src/cli/b.ts', 'src/time/c.ts']], ['src/emulator/d.ts', ['src/model/a.ts']], ['src/engine/e.ts', ['src/emulator/index.ts']]]))).toEqual([
    'src/emulator/d.ts -> src/model/a.ts (emulator -> model)',
    'src/engine/e.ts -> src/emulator/index.ts (engine -> emulator)',
    'src/model/a.ts -> src/cli/b.ts (model -> cli)',
  ]);
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, texts.get(f)!, known)]));
  expect(importsUp(graph)).toEqual([]); // a file in no layer shows as 'undefined' here
  expect(files.filter((f) => layerOf(f) === undefined)).toEqual([]); // every file has a layer
});

test('no hand-written source file is over 400 lines, the emulator included, and the listed ones do not grow', () => {
  const lengths = new Map(files.map((f) => [f, texts.get(f)!.split('\n').length - (texts.get(f)!.endsWith('\n') ? 1 : 0)]));
  const long = files.filter((f) => !f.endsWith('.generated.ts') && lengths.get(f)! > MAX_LINES);
  expect(long.filter((f) => !(f in LONG_FILES_ALLOWED)).map((f) => `${f}: ${lengths.get(f)} lines`)).toEqual([]);
  const grown = Object.entries(LONG_FILES_ALLOWED).filter(([f, max]) => (lengths.get(f) ?? 0) > max);
  expect(grown.map(([f, max]) => `${f}: ${lengths.get(f)} lines, listed at ${max}`)).toEqual([]);
  const fixed = Object.keys(LONG_FILES_ALLOWED).filter((f) => (lengths.get(f) ?? 0) <= MAX_LINES);
  expect(fixed).toEqual([]); // split: remove it from the list
  expect(relative('.', SRC)).toBe('src');
});
