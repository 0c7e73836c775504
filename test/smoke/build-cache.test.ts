/**
 * bin/build-cache.js: the command's build of the sources is keyed by every source file, so an
 * edited source gives a new build (never a stale one), and an unchanged tree reuses its build.
 */
import { mkdtemp, mkdir, readFile, writeFile, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
// @ts-expect-error plain JavaScript without types
import { builtEntry } from '../../bin/build-cache.js';

test('an edited source gives a new build with the edit; an unchanged one reuses the build; import.meta.url names the source', async () => {
  const root = await mkdtemp(join(tmpdir(), 'build-cache-'));
  await mkdir(join(root, 'src/cli'), { recursive: true });
  await mkdir(join(root, 'node_modules'));
  const main = join(root, 'src/cli/main.ts');
  await writeFile(main, "export const version: string = 'one';\nexport const here: string = import.meta.url;\n");
  const first = (await builtEntry(root)) as string;
  expect(first).toBeDefined();
  expect(await builtEntry(root)).toBe(first);
  const one = await import(pathToFileURL(first).href);
  expect(one.version).toBe('one');
  expect(one.here).toBe(pathToFileURL(main).href);

  // Same size, later modification time: still a new build.
  await writeFile(main, "export const version: string = 'two';\nexport const here: string = import.meta.url;\n");
  const later = new Date(Date.now() + 5_000);
  await utimes(main, later, later);
  const second = (await builtEntry(root)) as string;
  expect(second).not.toBe(first);
  expect(await readFile(second, 'utf8')).toContain('"two"');
});
