#!/usr/bin/env node
// The `provision` command. The sources are TypeScript, so a fresh clone needs only `npm install`:
// there is no build step to forget. The first run after any change under src/ bundles src/ with
// esbuild (under a second) into node_modules/.cache/m365-provision/cli-<fingerprint>.mjs, and
// later runs start from that one file: about half the CPU of loading each .ts file through
// tsx's loader, which every CLI start (and every test that spawns one) pays. The fingerprint
// covers every file's path, size and modification time, so an edited source is never run stale.
// PROVISION_NO_BUNDLE=1 runs the sources through tsx instead (stack traces with source lines).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const src = join(root, 'src');
const entry = join(src, 'cli', 'main.ts');

/** path, size and mtime of every file under src/, hashed. */
function fingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else {
        const s = statSync(path);
        hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(src);
  return hash.digest('hex').slice(0, 16);
}

/** Bundles src/ (packages stay external) into `file`; import.meta.url keeps each source's own URL. */
async function bundle(file) {
  const { build } = await import('esbuild');
  const keepOwnUrl = {
    name: 'keep-own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
      });
    },
  };
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await build({ entryPoints: [entry], bundle: true, packages: 'external', format: 'esm', platform: 'node', target: 'node20', outfile: temp, logLevel: 'silent', plugins: [keepOwnUrl] });
  renameSync(temp, file); // atomic: a concurrent start reads a whole bundle or none
  for (const old of readdirSync(dir)) if (/^cli-.*\.mjs$/.test(old) && join(dir, old) !== file) rmSync(join(dir, old), { force: true });
}

async function bundled() {
  if (process.env.PROVISION_NO_BUNDLE === '1') return undefined;
  try {
    const file = join(root, 'node_modules', '.cache', 'm365-provision', `cli-${fingerprint()}.mjs`);
    if (!existsSync(file)) await bundle(file);
    return file;
  } catch {
    return undefined; // no esbuild, a read-only install: run the sources through tsx
  }
}

const file = await bundled();
if (file) await import(pathToFileURL(file).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
