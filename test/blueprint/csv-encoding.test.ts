/**
 * CSV files as Excel writes them (issue 13): encodings (UTF-8 with or without BOM, UTF-16 LE/BE
 * with BOM, else Windows-1252) and separators (comma, semicolon, tab) detected or stated with
 * `rows: { file, separator, encoding }`, said in an info line (BP412), positions kept.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, detectSeparator } from '../../src/blueprint/csv.ts';
import { decodeRows } from '../../src/blueprint/text-decode.ts';
import { HEAD, load, where } from './helpers.ts';

const TPL = 'templates: { t: { type: communication, url: "/sites/{{ row.alias }}", title: "{{ row.name }}" } }';
const titles = (r: Awaited<ReturnType<typeof load>>): string[] => r.desired!.resources.map((x) => (x.props as { title: string }).title);
const info = (r: Awaited<ReturnType<typeof load>>): string[] => r.diagnostics.filter((d) => d.severity === 'info').map((d) => `${d.code} ${d.file}:${d.line}:${d.col} ${d.message}`);

describe('CSV encodings and separators', () => {
  it('Windows-1252 with semicolons (Swedish Excel) is detected and plans Vård och omsorg', async () => {
    const bytes = Buffer.from('alias;name\r\nvard;V\xe5rd och omsorg\r\nskola;"Skola; f\xf6rskola"\r\n', 'latin1');
    const r = await load([...HEAD, TPL, 'workspaces: [{ template: t, rows: enheter.csv }]'], { 'enheter.csv': bytes });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(titles(r)).toEqual(['Vård och omsorg', 'Skola; förskola']);
    expect(info(r)).toEqual([
      "BP412 bp/enheter.csv:1:1 read with encoding windows-1252 (the file is not valid UTF-8 and has no byte order mark; state encoding: to choose another) and separator ';' (detected from the header line)",
    ]);
  });

  it('UTF-16 LE with a BOM and tabs (Excel "Unicode text")', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('alias\tname\r\nvard\tVård och omsorg\r\n', 'utf16le')]);
    const r = await load([...HEAD, TPL, 'workspaces: [{ template: t, rows: u.csv }]'], { 'u.csv': bytes });
    expect(titles(r)).toEqual(['Vård och omsorg']);
    expect(info(r)).toEqual(['BP412 bp/u.csv:1:1 read with encoding utf-16le (from its byte order mark) and separator tab (detected from the header line)']);
  });

  it('UTF-16 BE with a BOM, and UTF-8 with a BOM and commas (no info: the defaults)', async () => {
    const be = Buffer.from('alias,name\nvard,Vård\n', 'utf16le').swap16();
    const r = await load([...HEAD, TPL, 'workspaces: [{ template: t, rows: be.csv }, { template: t, rows: u8.csv }]'], {
      'be.csv': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      'u8.csv': Buffer.from('\uFEFFalias,name\nskola,Förskola\n', 'utf8'),
    });
    expect(titles(r)).toEqual(['Vård', 'Förskola']);
    expect(info(r)).toEqual(['BP412 bp/be.csv:1:1 read with encoding utf-16be (from its byte order mark)']);
  });

  it('rows: { file, separator, encoding } states both', async () => {
    const bytes = Buffer.from('alias;name\nvard;V\xe5rd\n', 'latin1');
    const r = await load([...HEAD, TPL, 'workspaces: [{ template: t, rows: { file: e.csv, separator: ";", encoding: windows-1252 } }]'], { 'e.csv': bytes });
    expect(titles(r)).toEqual(['Vård']);
    expect(info(r)).toEqual(["BP412 bp/e.csv:1:1 read with encoding windows-1252 (stated) and separator ';' (stated)"]);
  });

  it('a stated separator that is not the file\'s: the header error says so', async () => {
    const r = await load([...HEAD, TPL, 'workspaces: [{ template: t, rows: { file: e.csv, separator: "," } }]'], { 'e.csv': 'alias;name\nvard;Vård\n' });
    expect(where(r)).toEqual(['BP407 1:1']);
    expect(r.diagnostics[0]!.message).toContain('the file may use another separator');
  });

  it('a BOM that contradicts the stated encoding, and an unknown encoding, are errors', async () => {
    const r = await load([...HEAD, TPL, 'workspaces: [{ template: t, rows: { file: e.csv, encoding: windows-1252 } }]'], {
      'e.csv': Buffer.from('\uFEFFalias,name\n', 'utf8'),
    });
    expect(where(r)).toEqual(['BP411 1:1']);
    const bad = await load([...HEAD, TPL, 'workspaces: [{ template: t, rows: { file: e.csv, encoding: latin9 } }]'], { 'e.csv': 'alias,name\n' });
    expect(where(bad)).toEqual(['BP408 3:14', 'BP204 4:60']);
  });

  it('positions stay line:col in a semicolon file', () => {
    const r = parseCsv('a;b\n1;2;3\n"x";"y"z\n', ';');
    expect(r.problems.map((p) => `${p.kind} ${p.line}:${p.col}`)).toEqual(['syntax 3:8', 'ragged 2:5']);
  });

  it('detection: the most frequent of comma, semicolon and tab in the header line, outside quotes', () => {
    expect(detectSeparator('a,b,c\n1;2;3;4;5\n')).toBe(',');
    expect(detectSeparator('"a,b";c;d\n')).toBe(';');
    expect(detectSeparator('a\tb\n')).toBe('\t');
    expect(detectSeparator('single\n')).toBe(',');
  });

  it('decoding: UTF-8 that is valid stays UTF-8; otherwise Windows-1252, flagged as detected', () => {
    const ok = decodeRows(Buffer.from('Vård', 'utf8'), 'x.csv');
    expect(ok).toMatchObject({ ok: true, text: 'Vård', encoding: 'utf-8' });
    const guess = decodeRows(Buffer.from('V\xe5rd \x80', 'latin1'), 'x.csv');
    expect(guess).toMatchObject({ ok: true, text: 'Vård €', encoding: 'windows-1252', detected: true });
    // Node's own windows-1252 decoder gives U+0080 for 0x80; ours follows the code page.
    expect(decodeRows(Buffer.from('\x93q\x94 \x96', 'latin1'), 'x.csv', 'windows-1252')).toMatchObject({ ok: true, text: '\u201cq\u201d \u2013' });
  });

  it('a file that is not a CSV is not echoed: at most 40 characters of a bad header, at most 50 problems', async () => {
    const secretish = 'AZURE_CLIENT_SECRET=' + 'q'.repeat(200) + ' PATH=/usr/bin';
    const lines = [secretish, ...Array.from({ length: 500 }, (_, i) => `line ${i} "with" quotes`)].join('\n');
    const r = await load([...HEAD, TPL, 'workspaces: [{ template: t, rows: notes.txt }]'], { 'notes.txt': lines });
    expect(r.diagnostics.length).toBeLessThanOrEqual(52);
    for (const d of r.diagnostics) expect(d.message).not.toContain('q'.repeat(41));
    expect(r.diagnostics.map((d) => d.code)).toContain('BP407');
  });
});
