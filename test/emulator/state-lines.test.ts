/**
 * The local tenant's state files read a piece at a time (src/emulator/state-lines.ts): the
 * lines the whole text has, whatever piece boundaries cut (a multi-byte character, a line longer
 * than a piece), the last line marked when no newline ends it, and a line past the bound refused.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { stateLines } from '../../src/emulator/state-lines.ts';

const dir = mkdtempSync(join(tmpdir(), 'state-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(text: string, maxBytes = 10_000_000) {
  const file = join(dir, 'state.jsonl');
  writeFileSync(file, text);
  const fd = openSync(file, 'r');
  try {
    return [...stateLines(fd, maxBytes, (lineNo) => new Error(`line ${lineNo} too long`))];
  } finally {
    closeSync(fd);
  }
}

test('every line with its number; the last one marked when no newline ends it', () => {
  expect(read('')).toEqual([]);
  expect(read('{"k":1}\n\n{"k":2}\n')).toEqual([
    { text: '{"k":1}', lineNo: 1, unterminated: false },
    { text: '', lineNo: 2, unterminated: false },
    { text: '{"k":2}', lineNo: 3, unterminated: false },
  ]);
  expect(read('{"k":1}\n{"k":')).toEqual([
    { text: '{"k":1}', lineNo: 1, unterminated: false },
    { text: '{"k":', lineNo: 2, unterminated: true },
  ]);
});

test('lines across piece boundaries, multi-byte characters cut among them, read whole', () => {
  const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ k: 'site', title: `Ärende ${'€'.repeat(i % 150)} ${i}` }));
  lines.push(JSON.stringify({ k: 'item', body: 'ö'.repeat(200_000) })); // longer than three pieces
  expect(read(lines.join('\n') + '\n').map((l) => l.text)).toEqual(lines);
});

test('a line longer than the bound is refused with its number, not read into memory', () => {
  expect(() => read(`{"k":1}\n${'x'.repeat(300_000)}\n`, 100_000)).toThrow('line 2 too long');
  expect(() => read(`{"k":1}\n${'x'.repeat(300_000)}`, 100_000)).toThrow('line 2 too long');
});
