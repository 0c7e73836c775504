import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/blueprint/csv.ts';

describe('CSV (RFC 4180)', () => {
  it('reads quotes, doubled quotes, commas and newlines in quotes, BOM and CRLF', () => {
    const r = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","line1\r\nline2"\r\nplain,,last\r\n');
    expect(r.problems).toEqual([]);
    expect(r.header).toEqual(['a', 'b', 'c']);
    expect(r.rows).toEqual([
      { index: 1, line: 2, values: { a: 'x, y', b: 'say "hi"', c: 'line1\r\nline2' } },
      { index: 2, line: 4, values: { a: 'plain', b: '', c: 'last' } },
    ]);
  });

  it('accepts LF, a missing final newline, and skips blank lines', () => {
    const r = parseCsv('a,b\n1,2\n\n3,4');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.values])).toEqual([
      [2, { a: '1', b: '2' }],
      [4, { a: '3', b: '4' }],
    ]);
  });

  it('keeps an empty quoted field and a trailing empty field', () => {
    const r = parseCsv('a,b\n"",x\ny,\n');
    expect(r.rows.map((x) => x.values)).toEqual([
      { a: '', b: 'x' },
      { a: 'y', b: '' },
    ]);
  });

  it('reports ragged rows with their line', () => {
    const r = parseCsv('a,b\n1\n1,2,3\n');
    expect(r.problems).toEqual([
      { kind: 'ragged', message: 'row 1 has 1 field, the header has 2', line: 2, col: 1 },
      { kind: 'ragged', message: 'row 2 has 3 fields, the header has 2', line: 3, col: 5 },
    ]);
    expect(r.rows).toEqual([]);
  });

  it('reports an unterminated quote, a stray quote, and text after a closing quote', () => {
    expect(parseCsv('a\n"open\n').problems).toEqual([{ kind: 'syntax', message: 'unterminated quoted field (a " is never closed)', line: 2, col: 1 }]);
    expect(parseCsv('a,b\nx"y,1\n').problems.map((p) => [p.kind, p.line, p.col])).toEqual([['syntax', 2, 2]]);
    expect(parseCsv('a,b\n"x"y,1\n').problems.map((p) => [p.kind, p.line, p.col])).toEqual([['syntax', 2, 4]]);
  });

  it('requires a header with valid, unique field names', () => {
    expect(parseCsv('').problems.map((p) => p.kind)).toEqual(['header']);
    expect(parseCsv('a,,a,1x\n').problems.map((p) => [p.message, p.col])).toEqual([
      ["header '' is not a valid field name (a letter or _ first, then letters, digits, _ or -; at most 64 characters)", 3],
      ["header 'a' appears twice", 4],
      ["header '1x' is not a valid field name (a letter or _ first, then letters, digits, _ or -; at most 64 characters)", 6],
    ]);
  });
});
