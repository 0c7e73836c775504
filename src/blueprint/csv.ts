/**
 * A strict RFC 4180 CSV reader that keeps positions: a comma separator (or a semicolon or a tab,
 * stated or detected from the header line), `"` quoting with doubled quotes, separators and line
 * breaks inside quotes, CRLF or LF line ends, an optional BOM. The first record is the header.
 * Blank lines are skipped. Every problem is returned with its 1-based line and column; nothing
 * throws. Messages quote at most a short, escaped part of a field (`shown`): a file that is not
 * a CSV at all is never echoed.
 */
import { badTextChar, shown } from '../blueprint-core/names.ts';

/** The separators a CSV file may use. */
export const SEPARATORS = [',', ';', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** The longest header (field name) accepted. */
export const MAX_FIELD_NAME = 64;

/**
 * The separator of a file, from its header line: the one of comma, semicolon and tab that occurs
 * most often outside quotes (comma when none does; ties go to comma, then semicolon).
 */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  let best: Separator = ',';
  for (const s of SEPARATORS) if (counts[s] > counts[best]) best = s;
  return best;
}
export interface CsvField {
  value: string;
  /** Where the field starts (its opening quote, when quoted). */
  line: number;
  col: number;
  quoted?: boolean;
}
export interface CsvRecord {
  fields: CsvField[];
  line: number;
}
export interface CsvProblem {
  kind: 'syntax' | 'ragged' | 'header' | 'char';
  message: string;
  line: number;
  col: number;
}
export interface CsvRow {
  /** 1-based index of the data row (the header is not counted). */
  index: number;
  /** Line of the CSV file where the row starts. */
  line: number;
  values: Record<string, string>;
}
export interface CsvResult {
  header: string[];
  rows: CsvRow[];
  problems: CsvProblem[];
}

export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function parseCsvRecords(input: string, separator: Separator = ','): { records: CsvRecord[]; problems: CsvProblem[] } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const n = text.length;
  let fields: CsvField[] = [];
  let recLine = 1;

  const advance = (): void => {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
    i++;
  };
  const endRecord = (): void => {
    const blank = fields.length === 1 && fields[0]!.value === '' && !quotedLast;
    if (!blank) records.push({ fields, line: recLine });
    fields = [];
  };
  let quotedLast = false;

  while (i <= n) {
    // start of a field
    const fLine = line;
    const fCol = col;
    if (fields.length === 0) recLine = line;
    let value = '';
    quotedLast = false;
    if (text[i] === '"') {
      quotedLast = true;
      advance();
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            advance();
            advance();
            continue;
          }
          advance();
          closed = true;
          break;
        }
        if (c === '\r' && text[i + 1] === '\n') {
          value += '\r\n';
          advance();
          advance();
          continue;
        }
        value += c;
        advance();
      }
      if (!closed) {
        problems.push({ kind: 'syntax', message: 'unterminated quoted field (a " is never closed)', line: fLine, col: fCol });
        fields = [];
        break;
      }
      // after closing quote: , or line end or EOF
      if (i < n && text[i] !== separator && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
        problems.push({ kind: 'syntax', message: 'unexpected character after a closing quote (a " inside a quoted field must be doubled)', line, col });
        while (i < n && text[i] !== separator && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) advance();
      }
    } else {
      while (i < n && text[i] !== separator && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
        if (text[i] === '"') {
          problems.push({ kind: 'syntax', message: 'a " in an unquoted field (quote the whole field and double the ")', line, col });
        }
        value += text[i];
        advance();
      }
    }
    fields.push({ value, line: fLine, col: fCol, ...(quotedLast ? { quoted: true } : {}) });
    if (i >= n) {
      endRecord();
      break;
    }
    if (text[i] === separator) {
      advance();
      continue;
    }
    // line end
    if (text[i] === '\r') advance();
    advance();
    endRecord();
    if (i >= n) break;
  }
  return { records, problems };
}

/** Line:col of character `index` of a field's value (the field starts at `f.line:f.col`, after its quote when quoted). */
function posIn(f: CsvField, quoted: boolean, index: number): { line: number; col: number } {
  let line = f.line;
  let col = f.col + (quoted ? 1 : 0);
  for (let k = 0; k < index; k++) {
    if (f.value[k] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, col };
}

export function parseCsv(input: string, separator: Separator = ','): CsvResult {
  const { records, problems } = parseCsvRecords(input, separator);
  for (const rec of records) {
    for (const f of rec.fields) {
      const bad = badTextChar(f.value);
      if (bad) {
        problems.push({ kind: 'char', message: `a field contains ${bad.label}: control and bidirectional characters are not allowed`, ...posIn(f, Boolean(f.quoted), bad.index) });
      }
    }
  }
  const header: string[] = [];
  const rows: CsvRow[] = [];
  const first = records[0];
  if (!first) {
    problems.push({ kind: 'header', message: 'the CSV file is empty: a header row with the field names is required', line: 1, col: 1 });
    return { header, rows, problems };
  }
  const seen = new Set<string>();
  for (const f of first.fields) {
    const name = f.value.trim();
    if (!FIELD_NAME.test(name) || name.length > MAX_FIELD_NAME) {
      problems.push({
        kind: 'header',
        message: `header '${shown(f.value, 40)}' is not a valid field name (a letter or _ first, then letters, digits, _ or -; at most ${MAX_FIELD_NAME} characters)${separator === ',' && /[;\t]/.test(f.value) ? '; the file may use another separator: state it with rows: { file, separator }' : ''}`,
        line: f.line,
        col: f.col,
      });
    } else if (seen.has(name)) {
      problems.push({ kind: 'header', message: `header '${name}' appears twice`, line: f.line, col: f.col });
    }
    seen.add(name);
    header.push(name);
  }
  records.slice(1).forEach((rec, k) => {
    if (rec.fields.length !== header.length) {
      const last = rec.fields[rec.fields.length - 1]!;
      problems.push({
        kind: 'ragged',
        message: `row ${k + 1} has ${rec.fields.length} field${rec.fields.length === 1 ? '' : 's'}, the header has ${header.length}`,
        line: rec.line,
        col: rec.fields.length > header.length ? rec.fields[header.length]!.col : last.col,
      });
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      values[h] = rec.fields[j]!.value;
    });
    rows.push({ index: k + 1, line: rec.line, values });
  });
  return { header, rows, problems };
}
