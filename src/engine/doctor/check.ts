/** A doctor check's shape (one line of the table), and how a failed probe is described. */
import type { ProbeResult } from './probes.ts';

/**
 * `advised`: not there, and the blueprint works without it, less well (the fix says what it
 * gains); it does not fail the report.
 */
export type CheckStatus = 'ok' | 'missing' | 'could not check' | 'advised';

/** One line of the doctor's table. */
export interface DoctorCheck {
  /** What was checked, e.g. `Microsoft Graph Group.ReadWrite.All (application)`. */
  check: string;
  status: CheckStatus;
  /** What the blueprint needs it for, or what was found. */
  detail: string;
  /** For a check that is not ok: the steps that make it ok. */
  fix?: string[];
}

export interface DoctorReport {
  checks: DoctorCheck[];
  /** True when every check is ok or only advised. */
  ok: boolean;
}

/** `403 accessDenied: …`, at most 300 characters. */
export function describeFailure(p: Exclude<ProbeResult, { ok: true }>): string {
  return `${p.status || 'no answer'} ${p.code}: ${p.message}`.slice(0, 300);
}

