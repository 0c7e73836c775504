/**
 * Templates stamped over rows: a `workspaces:` entry names a template and its rows (inline, or a
 * CSV file beside the blueprint), and each row stamps one site, which the expander then expands
 * as a written one. Bounded: rows per entry and in all, rows files, file size, problems listed per
 * file. Not a kind: the machinery that makes sites from rows.
 */
import { dirname, join } from 'node:path';
import { siteAddress } from '../kinds/site/model.ts';
import { detectSeparator, parseCsv, type Separator } from './csv.ts';
import { listed, shown } from '../blueprint-core/names.ts';
import type { Reporter, RowContext } from '../blueprint-core/report.ts';
import { didYouMean } from '../blueprint-core/rules.ts';
import { checkRowsPath, RowsRefusedError } from './rows-file.ts';
import type { RawBlueprint, RawSite } from '../blueprint-core/schema-types.generated.ts';
import { formatPath, type Path } from '../blueprint-core/source.ts';
import { compileStamp, eachString, malformedPlaceholder, placeholdersIn, PLACEHOLDER } from './template.ts';
import { decodeRows, type Encoding } from './text-decode.ts';
import { validateExpandedSite } from './validate.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The most rows of one `workspaces:` entry, from a CSV or inline. */
export const MAX_ROWS = 10_000;
/** The most rows of all `workspaces:` entries together (and CSV files read: MAX_CSV_FILES). */
export const MAX_TOTAL_ROWS = 50_000;
export const MAX_CSV_FILES = 100;
/** The most problems listed for one CSV file (a file that is not a CSV would give one per line). */
export const MAX_CSV_PROBLEMS = 50;

/** Thrown by a sibling reader when the file is larger than MAX_FILE_BYTES. */
export class FileTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`file is ${bytes} bytes`);
  }
}

/** What a `rows:` says, in any of its three forms. */
type RowsSpec =
  | { kind: 'inline'; rows: Record<string, string | number | boolean>[] }
  | { kind: 'file'; file: string; separator?: Separator; encoding?: Encoding; path: Path };

interface Rows {
  /** The CSV header, when the rows come from a CSV (every row has these fields). */
  header?: string[];
  rows: { label: string; values: Record<string, string> }[];
}

/** What the workspaces' expansion gets from the blueprint's expander. */
export interface WorkspaceExpandContext {
  rep: Reporter;
  /** The blueprint's path: rows files are read beside it. */
  file: string;
  readSibling?: (relPath: string) => Promise<string | Uint8Array>;
  /** True when no schema problem makes the element at `path` unusable (`strict`: none under it at all). */
  sound(path: Path, strict?: boolean): boolean;
  /** Expands one stamped site (`path` is its template's, `row` the row that stamped it). */
  site(s: RawSite, path: Path, row: RowContext): void;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Placeholders belong in templates only; in templates they must be well-formed (BP406). */
export function checkPlaceholders(rep: Reporter, raw: RawBlueprint): void {
  const outside = (value: unknown, path: Path): void =>
    eachString(value, path, (s, p) => {
      if (s.includes('{{') || s.includes('}}')) {
        const m = s.match(PLACEHOLDER);
        rep.at(
          'BP406',
          p,
          m
            ? `placeholder ${m[0]} outside a template: {{ row.field }} is only replaced in templates (templates: and workspaces:)`
            : `'{{' or '}}' outside a template`,
        );
      }
    });
  outside(raw.sites, ['sites']);
  outside(raw.columns, ['columns']);
  if (isObj(raw.templates)) {
    eachString(raw.templates, ['templates'], (s, p) => {
      const bad = malformedPlaceholder(s);
      if (bad) {
        rep.at('BP406', p, `malformed placeholder '${bad}': write {{ row.field }}, where field is a CSV column or a key of the inline rows`);
      }
    });
  }
}

/** The blueprint's `workspaces:`, in order, and the templates none of them uses (BP408). One instance per blueprint load. */
export class WorkspaceExpander {
  private totalRows = 0;
  private csvFiles = 0;

  constructor(private readonly x: WorkspaceExpandContext) {}

  async run(raw: RawBlueprint): Promise<void> {
    const used = new Set<string>();
    if (Array.isArray(raw.workspaces)) {
      for (const [i, ws] of raw.workspaces.entries()) {
        const path = ['workspaces', i];
        if (!this.x.sound(path) || !isObj(ws)) continue;
        used.add(ws.template);
        await this.workspace(raw, ws, path);
      }
    }
    if (isObj(raw.templates)) {
      for (const name of Object.keys(raw.templates)) {
        if (!used.has(name)) {
          this.x.rep.at('BP408', ['templates', name], `template '${name}' is not used by any workspaces entry`, {
            atKey: true,
            severity: 'warning',
          });
        }
      }
    }
  }

  private async workspace(raw: RawBlueprint, ws: NonNullable<RawBlueprint['workspaces']>[number], path: Path): Promise<void> {
    const templates = isObj(raw.templates) ? raw.templates : {};
    const tpl = Object.hasOwn(templates, ws.template) ? templates[ws.template] : undefined;
    if (!tpl) {
      const guess = didYouMean(ws.template, Object.keys(templates));
      this.x.rep.at('BP401', [...path, 'template'], `unknown template '${shown(ws.template)}'${guess ? ` (did you mean '${guess}'?)` : Object.keys(templates).length ? ` (templates: ${listed(Object.keys(templates))})` : ''}`);
    }
    const spec: RowsSpec = Array.isArray(ws.rows)
      ? { kind: 'inline', rows: ws.rows }
      : typeof ws.rows === 'string'
        ? { kind: 'file', file: ws.rows, path: [...path, 'rows'] }
        : { kind: 'file', file: ws.rows.file, separator: ws.rows.separator, encoding: ws.rows.encoding, path: [...path, 'rows', 'file'] };
    const rows = spec.kind === 'file' ? await this.csvRows(spec) : this.inlineRows(spec.rows, path);
    if (!rows) return;
    this.totalRows += rows.rows.length;
    if (this.totalRows > MAX_TOTAL_ROWS) {
      this.x.rep.at('BP404', [...path, 'rows'], `the workspaces entries have ${this.totalRows} rows so far (at most ${MAX_TOTAL_ROWS} in all): split the blueprint`);
      return;
    }
    if (!tpl) return;
    const tplPath = ['templates', ws.template];
    if (!this.x.sound(tplPath, true)) return; // its problems are reported on the template itself
    const uses = placeholdersIn(tpl, tplPath);
    if (rows.header) {
      const header = rows.header;
      const missing = uses.filter((u) => !header.includes(u.field));
      for (const m of missing) {
        this.x.rep.at('BP405', m.path, `placeholder {{ row.${m.field} }}: ${spec.kind === 'file' ? shown(spec.file) : 'the rows'} has no column '${m.field}' (columns: ${listed(header)})`, {
          address: formatPath(path),
        });
      }
      if (missing.length) return;
    }
    if (rows.rows.length === 0) {
      this.x.rep.at('BP409', [...path, 'rows'], 'no rows: this workspaces entry creates nothing', { severity: 'warning' });
    }
    const stamp = compileStamp(tpl);
    for (const r of rows.rows) {
      const row: RowContext = { label: r.label };
      if (!rows.header) {
        const missing = uses.filter((u) => !Object.hasOwn(r.values, u.field));
        for (const m of missing) {
          this.x.rep.at('BP405', m.path, `placeholder {{ row.${m.field} }}: the row has no field '${m.field}' (fields: ${Object.keys(r.values).join(', ') || 'none'})`, { row });
        }
        if (missing.length) continue;
      }
      const expanded = stamp(r.values) as Record<string, unknown>;
      const address = typeof expanded.url === 'string' ? siteAddress(expanded.url) : formatPath(tplPath);
      if (!validateExpandedSite(expanded, tplPath, this.x.rep, row, address)) continue;
      this.x.site(expanded as unknown as RawSite, tplPath, row);
    }
  }

  private inlineRows(rows: Record<string, string | number | boolean>[], path: Path): Rows | undefined {
    if (rows.length > MAX_ROWS) {
      this.x.rep.at('BP404', [...path, 'rows'], `${rows.length} inline rows (at most ${MAX_ROWS}, as for a CSV file)`);
      return undefined;
    }
    return {
      rows: rows.map((r, j) => ({
        label: `row ${j + 1} of ${formatPath([...path, 'rows'])}`,
        values: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
      })),
    };
  }

  private async csvRows(spec: Extract<RowsSpec, { kind: 'file' }>): Promise<Rows | undefined> {
    const { file: rel, path } = spec;
    const csvFile = join(dirname(this.x.file), rel);
    const refused = checkRowsPath(rel);
    if (refused) {
      this.x.rep.at('BP410', path, `rows file refused: ${refused}`);
      return undefined;
    }
    if (!this.x.readSibling) {
      this.x.rep.at('BP402', path, `cannot read '${shown(rel)}': no file access (rows from a CSV file need loadBlueprint or a readSibling function)`);
      return undefined;
    }
    if (++this.csvFiles > MAX_CSV_FILES) {
      this.x.rep.at('BP404', path, `more than ${MAX_CSV_FILES} rows files in one blueprint`);
      return undefined;
    }
    let content: string | Uint8Array;
    try {
      content = await this.x.readSibling(rel);
    } catch (e) {
      if (e instanceof RowsRefusedError) {
        this.x.rep.at('BP410', path, `rows file '${shown(rel)}' refused: ${e.reason}`);
      } else if (e instanceof FileTooLargeError) {
        this.x.rep.at('BP404', path, `'${shown(rel)}' is ${e.bytes} bytes (at most ${MAX_FILE_BYTES}, 5 MiB)`);
      } else {
        const code = (e as { code?: string }).code;
        this.x.rep.at('BP402', path, code === 'ENOENT' ? `rows file '${shown(rel)}' not found (looked for ${shown(csvFile, 200)})` : `cannot read rows file '${shown(rel)}': ${code ?? 'error'}`);
      }
      return undefined;
    }
    const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
    if (bytes > MAX_FILE_BYTES) {
      this.x.rep.at('BP404', path, `'${shown(rel)}' is ${bytes} bytes (at most ${MAX_FILE_BYTES}, 5 MiB)`);
      return undefined;
    }
    let text: string;
    const notes: string[] = [];
    if (typeof content === 'string') {
      text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
    } else {
      const decoded = decodeRows(content, rel, spec.encoding);
      if (!decoded.ok) {
        this.x.rep.inFile('BP411', csvFile, decoded.line, decoded.col, `${decoded.message}; state the file's encoding with rows: { file: ${shown(rel)}, encoding: windows-1252 } (or utf-8, utf-16le, utf-16be), or save it as "CSV UTF-8"`);
        return undefined;
      }
      text = decoded.text;
      if (decoded.encoding !== 'utf-8') {
        notes.push(
          spec.encoding
            ? `encoding ${decoded.encoding} (stated)`
            : decoded.detected && decoded.encoding === 'windows-1252'
              ? 'encoding windows-1252 (the file is not valid UTF-8 and has no byte order mark; state encoding: to choose another)'
              : `encoding ${decoded.encoding} (from its byte order mark)`,
        );
      }
    }
    const separator = spec.separator ?? detectSeparator(text);
    if (separator !== ',') notes.push(`separator ${separator === '\t' ? 'tab' : `'${separator}'`} (${spec.separator ? 'stated' : 'detected from the header line'})`);
    if (notes.length) this.x.rep.inFile('BP412', csvFile, 1, 1, `read with ${notes.join(' and ')}`, undefined, 'info');
    const csv = parseCsv(text, separator);
    // Header problems first: when the header is wrong, it is the one thing to fix.
    const ordered = [...csv.problems.filter((p) => p.kind === 'header'), ...csv.problems.filter((p) => p.kind !== 'header')];
    const problems = ordered.slice(0, MAX_CSV_PROBLEMS);
    for (const p of problems) this.x.rep.inFile(p.kind === 'header' ? 'BP407' : p.kind === 'char' ? 'BP315' : 'BP403', csvFile, p.line, p.col, p.message);
    if (csv.problems.length > MAX_CSV_PROBLEMS) {
      const more = csv.problems.length - MAX_CSV_PROBLEMS;
      this.x.rep.inFile('BP403', csvFile, ordered[MAX_CSV_PROBLEMS]!.line, ordered[MAX_CSV_PROBLEMS]!.col, `${more} more problem${more === 1 ? '' : 's'} in this file not shown: is it a CSV file?`);
    }
    if (csv.problems.some((p) => p.kind === 'header')) return undefined;
    if (csv.rows.length > MAX_ROWS) {
      this.x.rep.at('BP404', path, `'${shown(rel)}' has ${csv.rows.length} rows (at most ${MAX_ROWS})`);
      return undefined;
    }
    return {
      header: csv.header,
      rows: csv.rows.map((r) => ({ label: `row ${r.index} of ${shown(rel)}, line ${r.line}`, values: nfcRecord(r.values) })),
    };
  }
}

function nfcRecord(values: Record<string, string>): Record<string, string> {
  for (const k of Object.keys(values)) values[k] = values[k]!.normalize('NFC');
  return values;
}
