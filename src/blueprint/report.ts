import type { Diagnostic } from '../model/diagnostic.ts';
import type { Code } from './codes.ts';
import { formatPath, type Path, type Pos, type YamlSource } from './source.ts';

/** Where a value came from when a template produced it. */
export interface RowContext {
  /** "row 12 of stages.csv" or "row 3 of workspaces[0].rows" */
  label: string;
}

/** Collects diagnostics; drops exact repeats (a template mistake is reported once, not once per row). */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private seen = new Set<string>();

  constructor(readonly src: YamlSource | undefined, readonly file: string) {}

  add(d: Diagnostic, dedupeKey?: string): void {
    const key = dedupeKey ?? `${d.code}|${d.file}|${d.line}|${d.col}|${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(d);
  }

  /** A diagnostic at a place in the blueprint. */
  at(
    code: Code,
    path: Path,
    message: string,
    opts: { atKey?: boolean; address?: string; row?: RowContext; severity?: 'error' | 'warning'; pos?: Pos } = {},
  ): void {
    const pos = opts.pos ?? this.src?.pos(path, opts.atKey) ?? { line: 1, col: 1 };
    const msg = opts.row ? `${message} (in ${opts.row.label})` : message;
    // A template mistake that does not depend on the row is reported once.
    const key = `${code}|${this.file}|${pos.line}|${pos.col}|${message}`;
    this.add(
      {
        severity: opts.severity ?? 'error',
        code,
        message: msg,
        file: this.file,
        line: pos.line,
        col: pos.col,
        address: opts.address ?? (path.length ? formatPath(path) : undefined),
      },
      key,
    );
  }

  /** A diagnostic in another file (a CSV). */
  inFile(code: Code, file: string, line: number, col: number, message: string, address?: string): void {
    this.add({ severity: 'error', code, message, file, line, col, ...(address ? { address } : {}) });
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
