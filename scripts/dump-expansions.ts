/**
 * Prints, as JSON, what loading each example blueprint gives (its resources, prune rules and
 * diagnostics) and the kinds in registry order, so that a refactoring of the loader or the kinds can be shown to change nothing:
 * run it before and after and diff the outputs.
 *   npx tsx scripts/dump-expansions.ts [blueprint.yaml ...] > before.json
 * With no arguments it loads every blueprints/<name>/blueprint.yaml.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBlueprint } from '../src/blueprint/index.ts';
import { KIND_RULES } from '../src/kinds/registry.ts';
import { PRUNE_KINDS } from '../src/model/resources.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const given = process.argv.slice(2);
const files = given.length > 0 ? given : readdirSync(join(root, 'blueprints'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join('blueprints', d.name, 'blueprint.yaml')).sort();

// the kinds in registry order (the order of their expansion hooks) and the prunable kinds
const out: Record<string, unknown> = { kinds: Object.keys(KIND_RULES), pruneKinds: PRUNE_KINDS };
for (const file of files) {
  const result = await loadBlueprint(relative(process.cwd(), resolve(root, file)));
  out[file] = { resources: result.desired?.resources ?? null, prune: result.desired?.prune ?? null, diagnostics: result.diagnostics };
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
