import type { Diagnostic } from '../model/diagnostic.ts';
import type { Code } from './codes.ts';
import { safeMessage } from './names.ts';
import { formatPath, type Path, type Pos, type YamlSource } from './source.ts';
import { inRows } from '../model/rows-of-sites.ts';

/** Where a value came from when a template produced it. */
export interface RowContext {
  /** "row 12 of stages.csv" or "row 3 of workspaces[0].rows" */
  label: string;
}

/** The most diagnostics kept for one blueprint; the rest are counted (BP109). */
export const MAX_DIAGNOSTICS = 1_000;

/**
 * Collects diagnostics; drops exact repeats (a template mistake is reported once, at its first
 * row, and `finish` counts the other rows it was found in) and keeps at most MAX_DIAGNOSTICS (a
 * hostile input cannot make the output unbounded).
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private seen = new Set<string>();
  private dropped = 0;
  private droppedError = false;
  /** A template mistake kept at its first row, by its key: the rows where it was found again. */
  private repeatedInRows = new Map<string, { kept: Diagnostic; label: string; last: string; more: number }>();

  constructor(readonly src: YamlSource | undefined, readonly file: string) {}

  /** Keeps `diagnostic` unless one of the same key was kept; returns the one kept now, if any. */
  add(diagnostic: Diagnostic, dedupeKey?: string): Diagnostic | undefined {
    const d = { ...diagnostic, message: safeMessage(diagnostic.message) };
    const key = dedupeKey ?? `${d.code}|${d.file}|${d.line}|${d.col}|${d.message}`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      this.dropped++;
      if (d.severity === 'error') this.droppedError = true;
      return undefined;
    }
    this.diagnostics.push(d);
    return d;
  }

  /**
   * Ends the report: a template mistake found in more rows than its first says how many more
   * (`(in row 1 of units.csv, line 2, and 41 more rows)`), and the count of the diagnostics that
   * were not kept (BP109) is added, once, at the end.
   */
  finish(): void {
    for (const { kept, label, more } of this.repeatedInRows.values()) {
      const at = ` (in ${label})`;
      if (more > 0 && kept.message.endsWith(at)) kept.message = `${kept.message.slice(0, -at.length)}${inRows(label, more)}`;
    }
    this.repeatedInRows.clear();
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
    opts: { atKey?: boolean; address?: string; row?: RowContext; severity?: 'error' | 'warning'; pos?: Pos; onePerPlace?: boolean; problem?: string } = {},
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
    // `problem`: what identifies the problem when the message also holds what differs by row (a
    // site's own group names): rows with the same problem are reported once, counted.
    const key = opts.onePerPlace ? `${code}|${this.file}|${pos.line}|${pos.col}` : `${code}|${this.file}|${pos.line}|${pos.col}|${opts.problem ?? message}`;
    const repeated = opts.row ? this.repeatedInRows.get(key) : undefined;
    if (repeated) {
      // rows are expanded in order: a row that finds it twice counts once
      if (repeated.last !== opts.row!.label) {
        repeated.last = opts.row!.label;
        repeated.more++;
      }
      return;
    }
    const kept = this.add(
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
    if (kept && opts.row) this.repeatedInRows.set(key, { kept, label: opts.row.label, last: opts.row.label, more: 0 });
  }

  /** A diagnostic in another file (a CSV). */
  inFile(code: Code, file: string, line: number, col: number, message: string, address?: string, severity: Diagnostic['severity'] = 'error'): void {
    this.add({ severity, code, message, file, line, col, ...(address ? { address } : {}) });
  }

  get hasErrors(): boolean {
    return this.droppedError || this.diagnostics.some((d) => d.severity === 'error');
  }
}
