/**
 * The blueprint schema's compiled validators, kept between runs. Compiling the schema with ajv
 * costs about a second of CPU, paid by every `provision` process; the compiled code is instead
 * written once as a standalone module under `node_modules/.cache/m365-provision/`, named by a
 * hash of the schema and the ajv options, and later runs load it in milliseconds. A changed
 * schema gets a new name, so a stale validator is never used. Where the cache cannot be written
 * (a read-only install), the schema is compiled in memory as before. ajv itself is loaded only
 * to compile (about 50 ms of CPU that a run with a cached validator does not pay).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Ajv as AjvClass, Options, ValidateFunction } from 'ajv';
import type standaloneCodeOf from 'ajv/dist/standalone/index.js';
import { blueprintSchema, SCHEMA_ID } from './schema.ts';

/** The two entry points the loader validates against: the whole blueprint and one site. */
export interface BlueprintValidators {
  blueprint: ValidateFunction;
  site: ValidateFunction;
}

const OPTIONS: Options = { strict: true, allErrors: true, allowUnionTypes: true, verbose: true };
const REFS = { blueprint: SCHEMA_ID, site: `${SCHEMA_ID}#/definitions/site` };
const require = createRequire(import.meta.url);

/** `<node_modules>/.cache/m365-provision`, found from where ajv itself is installed. */
function cacheDir(): string {
  const ajvEntry = require.resolve('ajv');
  const nodeModules = ajvEntry.slice(0, ajvEntry.lastIndexOf('node_modules') + 'node_modules'.length);
  return join(nodeModules, '.cache', 'm365-provision');
}

function cacheFile(): string {
  const version = (require('ajv/package.json') as { version: string }).version;
  const hash = createHash('sha256').update(JSON.stringify({ version, OPTIONS, REFS, blueprintSchema })).digest('hex').slice(0, 16);
  return join(cacheDir(), `blueprint-validator-${hash}.cjs`);
}

function compileInMemory(withSource: boolean): { ajv: AjvClass; validators: BlueprintValidators } {
  const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
  const ajv = new Ajv({ ...OPTIONS, code: { source: withSource } });
  ajv.addSchema(blueprintSchema);
  return { ajv, validators: { blueprint: ajv.getSchema(REFS.blueprint)!, site: ajv.getSchema(REFS.site)! } };
}

/** Loads the cached validators, or compiles them and (best effort) writes the cache. */
export function loadValidators(): BlueprintValidators {
  const file = cacheFile();
  try {
    return require(file) as BlueprintValidators;
  } catch {
    // not cached yet, or unreadable: compile below
  }
  const { ajv, validators } = compileInMemory(true);
  try {
    const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: typeof standaloneCodeOf }).default;
    const code = standaloneCode(ajv, REFS);
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, file); // atomic: a concurrent process reads a whole file or none
    // validators of earlier schemas are never loaded again
    for (const old of readdirSync(dirname(file))) {
      if (/^blueprint-validator-[0-9a-f]+\.cjs$/.test(old) && join(dirname(file), old) !== file) rmSync(join(dirname(file), old), { force: true });
    }
  } catch {
    // a read-only install: validation still works, only slower
  }
  return validators;
}
