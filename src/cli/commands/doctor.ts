/**
 * `provision doctor <blueprint> [--tenant …] [--json]`: checks that the credential can do what the
 * blueprint needs (src/engine/doctor) and prints the checks and how to fix each missing one.
 * Exit 0 when every check passes, 1 otherwise.
 */
import { runDoctor } from '../../engine/doctor/run.ts';
import { renderDoctor } from '../../engine/doctor/render.ts';
import { loadDesired } from '../../engine/plan-blueprint.ts';
import { openTarget } from '../../tenant/target.ts';
import { targetSettingsOf, type CredentialOptionValues } from '../credential-options.ts';
import { localBehaviourOf, type LocalOptionValues } from '../local-options.ts';
import { info, out, printDiagnostics } from '../output.ts';

export interface DoctorCommandOptions extends LocalOptionValues, CredentialOptionValues {
  /** Print the checks as JSON (`{ ok, checks: [{ check, status, detail, fix? }] }`). */
  json?: boolean;
}

export async function doctorCommand(file: string, options: DoctorCommandOptions): Promise<number> {
  const load = await loadDesired(file);
  printDiagnostics(load.diagnostics);
  if (!load.ok) return 1;
  const target = await openTarget({ ...targetSettingsOf(options), cwd: process.cwd(), local: localBehaviourOf(options) });
  try {
    info(target.banner);
    for (const warning of target.warnings) info(warning);
    const report = await runDoctor(load.desired, target.client);
    out(options.json ? JSON.stringify(report, null, 2) : renderDoctor(report));
    return report.ok ? 0 : 1;
  } finally {
    await target.close();
  }
}
