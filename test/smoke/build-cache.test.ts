/**
 * bin/build-cache.js: the command's build of the sources is keyed by every source file and the
 * installed packages, so an edited source or a new install gives a new build (never a stale one),
 * and an unchanged tree reuses its build. The packages the sources import are bundled into it.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile, utimes } from 'node:fs/promises';
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

test('the packages the sources import are in the build (a CommonJS one requiring a node module too); a new install gives a new build', async () => {
  const root = await mkdtemp(join(tmpdir(), 'build-cache-'));
  await mkdir(join(root, 'src/cli'), { recursive: true });
  const pkg = join(root, 'node_modules/fake-events');
  await mkdir(pkg, { recursive: true });
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'fake-events', version: '1.0.0', main: 'index.js' }));
  await writeFile(join(pkg, 'index.js'), "const { EventEmitter } = require('node:events');\nmodule.exports = { emitter: typeof EventEmitter };\n");
  await writeFile(join(root, 'node_modules/.package-lock.json'), JSON.stringify({ packages: { 'node_modules/fake-events': { version: '1.0.0' } } }));
  await writeFile(join(root, 'src/cli/main.ts'), "import fake from 'fake-events';\nexport const emitter: string = fake.emitter;\n");
  const first = (await builtEntry(root)) as string;
  expect(first).toBeDefined();
  // The package is gone from disk: the build still runs, so it carries the package.
  await rm(pkg, { recursive: true });
  const built = await import(pathToFileURL(first).href);
  expect(built.emitter).toBe('function');

  // npm rewrites its record of the installed packages on every install.
  await writeFile(join(root, 'node_modules/.package-lock.json'), JSON.stringify({ packages: { 'node_modules/fake-events': { version: '1.0.1' } } }));
  await mkdir(pkg, { recursive: true });
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'fake-events', version: '1.0.1', main: 'index.js' }));
  await writeFile(join(pkg, 'index.js'), "module.exports = { emitter: 'replaced' };\n");
  const second = (await builtEntry(root)) as string;
  expect(second).not.toBe(first);
  expect((await import(pathToFileURL(second).href)).emitter).toBe('replaced');
});
