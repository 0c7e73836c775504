/**
 * blueprints/README.md states each example's resource count; the count `provision validate`
 * reports must be the one the README states, so the README cannot drift from the examples.
 */
import { readFile, readdir } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { loadBlueprint } from '../../src/blueprint/index.ts';

test('blueprints/README.md lists every example with the resource count it loads with', async () => {
  const readme = await readFile('blueprints/README.md', 'utf8');
  const rows = [...readme.matchAll(/^\| `([^`]+)\/` \|.*\| (\d+) \|$/gm)].map((m) => [m[1]!, Number(m[2])] as const);
  const folders = (await readdir('blueprints', { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  expect(rows.map(([f]) => f).sort()).toEqual(folders.sort());
  for (const [folder, stated] of rows) {
    const r = await loadBlueprint(`blueprints/${folder}/blueprint.yaml`);
    expect(r.desired?.resources.length, folder).toBe(stated);
  }
});
