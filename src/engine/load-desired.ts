/**
 * Blueprint file -> Desired, with every diagnostic: nothing here contacts a tenant or loads the
 * SDKs, so `provision validate` starts quickly (src/cli/main.ts loads a command only when it runs).
 */
import { loadBlueprint } from '../blueprint/index.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Desired } from '../model/resources.ts';

/** `ok` only when there is a Desired and no diagnostic is an error; warnings come with either. */
export type BlueprintLoad = { ok: true; desired: Desired; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export async function loadDesired(file: string): Promise<BlueprintLoad> {
  const { desired, diagnostics } = await loadBlueprint(file);
  if (!desired || diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  return { ok: true, desired, diagnostics };
}
