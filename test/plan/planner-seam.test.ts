/**
 * The provider seam: what the planner and the blueprint loader load at run time never reaches a
 * kind's effects, the SDKs, the observer or the tenant client (they are given the kinds' pure
 * rules and specs instead). Follows the static imports that survive compilation (`import type`
 * is erased) from each entry point.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

/** Every module (a repository path or a package name) that `entry` loads at run time. */
function runtimeClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const key = relative(root, file);
    if (seen.has(key)) return;
    seen.add(key);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      if (m[2]) continue; // `import type` / `export type`: erased
      const spec = m[3]!;
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else seen.add(spec);
    }
  };
  visit(join(root, entry));
  return seen;
}

const forbidden = (mod: string) =>
  mod.startsWith('@pnp/') ||
  mod.startsWith('@microsoft/') ||
  mod.startsWith('@azure/') ||
  mod === 'undici' ||
  mod === 'src/kinds/registry.ts' ||
  mod === 'src/kinds/registry.generated.ts' ||
  /^src\/kinds\/[^/]+\/effects\.ts$/.test(mod) ||
  mod.startsWith('src/kinds/shared/') ||
  mod.startsWith('src/observe/') ||
  mod.startsWith('src/tenant/');

test.each(['src/plan/build-plan.ts', 'src/blueprint/index.ts', 'src/kinds/pure.ts', 'src/engine/principals/collect.ts'])('%s loads no effects, SDK, observer or tenant client', (entry) => {
  const closure = runtimeClosure(entry);
  expect(closure.size).toBeGreaterThan(3);
  expect([...closure].filter(forbidden)).toEqual([]);
});

test('the walk sees what the engine loads: the registry reaches the effects and the SDK', () => {
  const closure = runtimeClosure('src/kinds/registry.ts');
  expect(closure.has('src/kinds/view/effects.ts')).toBe(true);
  expect([...closure].some((m) => m.startsWith('@pnp/'))).toBe(true);
});
