/** `provision validate <blueprint>`: checks a blueprint without contacting any tenant. */
import { loadDesired } from '../../engine/load-desired.ts';
import { out, printDiagnostics } from '../output.ts';

export async function validateCommand(file: string): Promise<number> {
  const load = await loadDesired(file);
  printDiagnostics(load.diagnostics);
  if (!load.ok) return 1;
  const counts = new Map<string, number>();
  for (const r of load.desired.resources) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const detail = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
  out(`${file} is valid: ${load.desired.resources.length} resources (${detail}).`);
  return 0;
}
