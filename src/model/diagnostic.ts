/**
 * A problem found in a blueprint, with its place. Diagnostics are values: loaders collect all of
 * them and never throw for a user mistake. `line`/`col` are 1-based; `address` is the resource
 * address (or the YAML path, e.g. `workspaces[2].lists[0]`) the problem belongs to, when known.
 * `code` is stable and documented (e.g. `BP101`), for tooling and for searching. `info` says how
 * an input was read when that was not the default (e.g. a CSV read as Windows-1252); it is
 * neither a problem nor a warning.
 */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  file: string;
  line: number;
  col: number;
  address?: string;
}

/** Formats as `file:line:col error CODE [address] message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.address ? ` [${d.address}]` : '';
  return `${d.file}:${d.line}:${d.col} ${d.severity} ${d.code}${where} ${d.message}`;
}

/** A diagnostic at a desired resource's place in the blueprint (its `source`, else the blueprint's first line). */
export function diagnosticAt(r: { address: string; source?: { file?: string; line?: number; col?: number } }, file: string, severity: Diagnostic['severity'], code: string, message: string): Diagnostic {
  return { severity, code, message, file: r.source?.file ?? file, line: r.source?.line ?? 1, col: r.source?.col ?? 1, address: r.address };
}
