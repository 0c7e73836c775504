/**
 * A file's lines read a piece at a time (src/apply/file-lines.ts): the same lines as splitting
 * the whole text, whatever the piece boundaries cut (a CRLF, a multi-byte character), and a line
 * over the bound given as LINE_TOO_LONG without its text.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { fileLines, LINE_TOO_LONG } from '../../src/apply/file-lines.ts';

const dir = mkdtempSync(join(tmpdir(), 'file-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesOf(text: string, maxChars = 1_000_000): (string | typeof LINE_TOO_LONG)[] {
  const file = join(dir, 'f.txt');
  writeFileSync(file, text);
  const fd = openSync(file, 'r');
  try {
    return [...fileLines(fd, maxChars)];
  } finally {
    closeSync(fd);
  }
}

test('lines as the whole text splits them, CRLF or LF, the last without a newline too', () => {
  expect(linesOf('')).toEqual([]);
  expect(linesOf('a\nb\n')).toEqual(['a', 'b']);
  expect(linesOf('a\r\nb\r\n\r\nc')).toEqual(['a', 'b', '', 'c']);
});

test('pieces that cut a multi-byte character or a CRLF give the same lines', () => {
  // 64 KiB pieces: lines of 3-byte characters and CRLFs fall across every boundary somewhere.
  const lines = Array.from({ length: 3000 }, (_, i) => `${'€'.repeat(i % 97)}ä${i}`);
  expect(linesOf(lines.join('\r\n') + '\r\n')).toEqual(lines);
  expect(linesOf(lines.join('\n'))).toEqual(lines);
});

test('a line longer than the bound is LINE_TOO_LONG, and the lines after it are read', () => {
  const long = 'x'.repeat(200_000); // spans pieces
  expect(linesOf(`a\n${long}\nb\n${long}`, 100_000)).toEqual(['a', LINE_TOO_LONG, 'b', LINE_TOO_LONG]);
  expect(linesOf(`${'y'.repeat(10)}\r\nz`, 10)).toEqual(['y'.repeat(10), 'z']);
  expect(linesOf(`${'y'.repeat(11)}\nz`, 10)).toEqual([LINE_TOO_LONG, 'z']);
});
