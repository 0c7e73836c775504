#!/usr/bin/env node
// The `provision` command. The sources are TypeScript and a fresh clone needs only `npm install`:
// there is no build step to forget. The first run after the sources change builds them into
// node_modules/.cache (build-cache.js: a build is keyed by every source file, so it is never
// stale); later runs start from that build without a TypeScript loader, which saves about a
// second of CPU per run (docs/performance.md). Without a build (it could not be made or written),
// the sources run through tsx (and so they do with PROVISION_NO_BUILD=1). The V8 heap setting
// (heap-settings.js) is imported first, before anything else allocates.
import './heap-settings.js';
import { resolve } from 'node:path';
import { builtEntry } from './build-cache.js';

const root = resolve(import.meta.dirname, '..');
const entry = process.env.PROVISION_NO_BUILD ? undefined : await builtEntry(root);
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
