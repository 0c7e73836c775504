import type { Diagnostic } from '../model/diagnostic.ts';
import type { Code } from './codes.ts';
import { safeMessage } from './names.ts';
import { formatPath, type Path, type Pos, type YamlSource } from './source.ts';

/** Where a value came from when a template produced it. */
export interface RowContext {
  /** "row 12 of stages.csv" or "row 3 of workspaces[0].rows" */
  label: string;
}

/** The most diagnostics kept for one blueprint; the rest are counted (BP109). */
export const MAX_DIAGNOSTICS = 1_000;

/**
 * Collects diagnostics; drops exact repeats (a template mistake is reported once, not once per
 * row) and keeps at most MAX_DIAGNOSTICS (a hostile input cannot make the output unbounded).
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private seen = new Set<string>();
  private dropped = 0;
  private droppedError = false;

  constructor(readonly src: YamlSource | undefined, readonly file: string) {}

  add(diagnostic: Diagnostic, dedupeKey?: string): void {
    const d = { ...diagnostic, message: safeMessage(diagnostic.message) };
    const key = dedupeKey ?? `${d.code}|${d.file}|${d.line}|${d.col}|${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      this.dropped++;
      if (d.severity === 'error') this.droppedError = true;
      return;
    }
    this.diagnostics.push(d);
  }

  /** Adds the count of the diagnostics that were not kept (BP109), once, at the end. */
  finish(): void {
    if (this.dropped === 0) return;
    this.diagnostics.push({
      severity: this.droppedError ? 'error' : 'warning',
      code: 'BP109',
      message: `${this.dropped} more problem${this.dropped === 1 ? '' : 's'} not shown (at most ${MAX_DIAGNOSTICS} are listed)`,
      file: this.file,
      line: 1,
      col: 1,
    });
    this.dropped = 0;
  }

  /** A diagnostic at a place in the blueprint. */
  at(
    code: Code,
    path: Path,
    message: string,
    opts: { atKey?: boolean; address?: string; row?: RowContext; severity?: 'error' | 'warning'; pos?: Pos; onePerPlace?: boolean } = {},
  ): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      // Full: count without looking up the position (a flood of problems must stay cheap).
      this.add({ severity: opts.severity ?? 'error', code, message, file: this.file, line: 0, col: 0 }, `${code}|${formatPath(path)}|${opts.atKey ? 'key' : ''}|${message}`);
      return;
    }
    const pos = opts.pos ?? this.src?.pos(path, opts.atKey) ?? { line: 1, col: 1 };
    const msg = opts.row ? `${message} (in ${opts.row.label})` : message;
    // A template mistake that does not depend on the row is reported once; with onePerPlace, one
    // diagnostic of this code per position (the same character found by two checks).
    const key = opts.onePerPlace ? `${code}|${this.file}|${pos.line}|${pos.col}` : `${code}|${this.file}|${pos.line}|${pos.col}|${message}`;
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
  inFile(code: Code, file: string, line: number, col: number, message: string, address?: string, severity: Diagnostic['severity'] = 'error'): void {
    this.add({ severity, code, message, file, line, col, ...(address ? { address } : {}) });
  }

  get hasErrors(): boolean {
    return this.droppedError || this.diagnostics.some((d) => d.severity === 'error');
  }
}
