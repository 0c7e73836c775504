/**
 * Writes the kinds' three layer registries (src/kinds/declared.generated.ts, pure.generated.ts,
 * registry.generated.ts) from the one list of kinds, src/kinds/kind-list.ts. Refuses, writing
 * nothing, when the list and the kinds' folders disagree.
 *   npx tsx scripts/gen-kind-registries.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KIND_FOLDERS } from '../src/kinds/kind-list.ts';
import { kindListProblems, kindRegistryTexts } from './kind-registries/codegen.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const problems = kindListProblems(join(root, 'src/kinds'), KIND_FOLDERS);
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error('nothing written');
  process.exit(1);
}
const texts = kindRegistryTexts(KIND_FOLDERS);
for (const [path, text] of Object.entries(texts)) writeFileSync(join(root, path), text);
console.log(`wrote ${Object.keys(texts).join(', ')} (${KIND_FOLDERS.length} kinds)`);
