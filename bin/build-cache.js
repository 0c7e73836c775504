// The `provision` command's build cache (see provision.js). The sources under src/ are built once
// with esbuild into node_modules/.cache/m365-provision/<key>/, bundled with the packages they
// import (the SDKs, undici, yaml ...): loading a few chunks instead of some 700 package files
// through node's module resolution saves about half a second of CPU per run (docs/performance.md,
// issue 12's twenty-eighth pass). <key> digests every source file's path, size and modification
// time and the installed packages (npm's node_modules/.package-lock.json, else the project's
// package-lock.json): any edit, checkout, pull or install gives a new key, so a build is never
// stale. Returns the built entry, or undefined when it cannot be built or written (then the caller
// runs the sources through tsx).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Changes when the way of building changes (the options below). */
const BUILD_FORMAT = '2';
/** Older builds kept next to the current one (other branches, other checkouts). */
const KEEP = 4;

/** What the build is made of: every file under `dir` (sorted, with its size and modification time) and the installed packages. */
function sourcesKey(dir, root) {
  const hash = createHash('sha256').update(`${BUILD_FORMAT}\n${process.version}\n${installedPackages(root)}\n`);
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const s = statSync(p);
        hash.update(`${relative(dir, p)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 20);
}

/**
 * The installed packages as npm records them (node_modules/.package-lock.json, rewritten by every
 * install), else the project's package-lock.json; empty when neither is there.
 */
function installedPackages(root) {
  for (const file of [join(root, 'node_modules', '.package-lock.json'), join(root, 'package-lock.json')]) {
    try {
      return createHash('sha256').update(readFileSync(file)).digest('hex');
    } catch {
      // not there: the next
    }
  }
  return '';
}

/**
 * Each chunk's own `require`, for the CommonJS packages bundled into ES modules (commander's
 * `require('node:events')`, a package's optional `require` of another): esbuild's shim calls the
 * `require` it finds in scope.
 */
const REQUIRE_BANNER = "import { createRequire as __provisionCreateRequire } from 'node:module'; const require = __provisionCreateRequire(import.meta.url);";

/**
 * `import.meta.url` and `import.meta.dirname` keep naming the source file (a bundle would make
 * them name the build's chunk), so files found next to a source are still found.
 */
const keepSourceUrls = {
  name: 'keep-source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      if (text.includes('import.meta.')) {
        text = text
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(join(args.path, '..')))
          .replaceAll('import.meta.filename', JSON.stringify(args.path));
      }
      return { contents: text, loader: 'ts' };
    });
  },
};

export async function builtEntry(root) {
  try {
    const cache = join(root, 'node_modules', '.cache', 'm365-provision');
    const dir = join(cache, sourcesKey(join(root, 'src'), root));
    const entry = join(dir, 'main.js');
    if (existsSync(entry)) return entry;
    const { build } = await import('esbuild');
    const tmp = `${dir}.tmp-${process.pid}`;
    await build({
      entryPoints: [join(root, 'src/cli/main.ts')],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // The packages are bundled too; the build tools are never imported by the sources.
      external: ['esbuild', 'tsx', 'tsx/*'],
      banner: { js: REQUIRE_BANNER },
      outdir: tmp,
      plugins: [keepSourceUrls],
      logLevel: 'silent',
    });
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another run built it first
    }
    if (!existsSync(entry)) return undefined;
    pruneOld(cache, dir);
    return entry;
  } catch {
    return undefined;
  }
}

function pruneOld(cache, current) {
  const builds = readdirSync(cache, { withFileTypes: true })
    .filter((e) => e.isDirectory() && join(cache, e.name) !== current)
    .map((e) => ({ path: join(cache, e.name), at: statSync(join(cache, e.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(KEEP)) rmSync(old.path, { recursive: true, force: true });
}
