/**
 * The botkyrka example's process-stage template (blueprints/botkyrka/), stamped over N generated
 * rows: a workspace that uses nearly every kind a template can (site columns, content types on
 * lists, views, permissions and groups, settings, sharing, hub association, a team with a private
 * channel and tabs), so that the planning benchmark's validate catches an expansion that grows
 * faster than the rows in any of them (views did, until b4c6320). Validate only: nothing applies it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const seed = JSON.parse(readFileSync(join(root, 'src/emulator/seed/directory.json'), 'utf8')) as { users: { userPrincipalName: string }[] };

/** The example blueprint, reading its rows from `rowsFile` (next to it) instead of stages.csv. */
export function exampleOver(rowsFile: string): string {
  const text = readFileSync(join(root, 'blueprints/botkyrka/blueprint.yaml'), 'utf8');
  if (!text.includes('rows: stages.csv')) throw new Error('blueprints/botkyrka/blueprint.yaml no longer reads stages.csv');
  return text.replace('rows: stages.csv', `rows: ${rowsFile}`);
}

/** `count` rows of the example's CSV columns (alias,title,description,owner,deputy), owners spread over the seed's users. */
export function exampleRows(count: number): string {
  const users = seed.users.slice(1).map((u) => u.userPrincipalName);
  const lines = ['alias,title,description,owner,deputy'];
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(5, '0');
    lines.push(`stage-${n},Steg ${n},Processteg ${n}.,${users[i % users.length]},${users[(i + 1) % users.length]}`);
  }
  return lines.join('\n') + '\n';
}
