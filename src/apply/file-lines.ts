/**
 * Reads a file's lines in pieces (64 KiB at a time), so that a file of any size is read in
 * bounded memory: the journal (`.provision/journal.jsonl`) that grows with every apply, and a
 * saved plan of hundreds of megabytes. A line longer than the bound is not kept: it is given as
 * LINE_TOO_LONG, and each reader says what that means for it.
 */
import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** What `fileLines` gives for a line longer than its bound (the line's text is dropped). */
export const LINE_TOO_LONG = Symbol('line too long');

/**
 * A piece's text stays below V8's largest young-generation object (128 KiB): a larger one is
 * made in the large-object space (and, we think, the lines sliced from it keep it there until a
 * full collection). Measured: reading a saved plan of 213 MB took 5.5–5.8 s of CPU with pieces of 256 KiB, 4.0–4.8 s with
 * 1 MiB, 2.9–3.0 s with 16 and 64 KiB (readline: 4.9–5.8 s).
 */
const PIECE_BYTES = 64 * 1024;

/**
 * The lines of the open file `fd` from its start, without their line ends (`\n`, or `\r\n`), as
 * UTF-8 text; a last line without a newline is given too. A line longer than `maxChars`
 * characters is given as LINE_TOO_LONG.
 */
export function* fileLines(fd: number, maxChars: number): Generator<string | typeof LINE_TOO_LONG> {
  const decoder = new StringDecoder('utf8');
  const bytes = Buffer.alloc(PIECE_BYTES);
  // The start of the current line, piece by piece: only each new piece is searched for its end
  // (the text so far searched again, and copied, with every piece made a line of 64 MiB cost
  // 110 s: test/plan/saved-plan-file.test.ts).
  let pending: string[] = [];
  let pendingChars = 0;
  let skipping = false; // inside a line already given as too long
  for (let position = 0; ; ) {
    const read = readSync(fd, bytes, 0, PIECE_BYTES, position);
    if (read === 0) break;
    position += read;
    const piece = decoder.write(bytes.subarray(0, read));
    let from = 0;
    for (let end = piece.indexOf('\n'); end >= 0; end = piece.indexOf('\n', from)) {
      if (skipping) skipping = false;
      else {
        const head = piece.slice(from, end);
        const line = withoutCr(pending.length > 0 ? pending.join('') + head : head);
        yield line.length > maxChars ? LINE_TOO_LONG : line;
      }
      pending = [];
      pendingChars = 0;
      from = end + 1;
    }
    // while skipping, all that is left belongs to the long line
    if (!skipping && from < piece.length) {
      pending.push(piece.slice(from));
      pendingChars += piece.length - from;
    }
    if (pendingChars > maxChars + 1) { // longer than any line with its CR
      yield LINE_TOO_LONG;
      skipping = true;
      pending = [];
      pendingChars = 0;
    }
  }
  const rest = pending.join('') + decoder.end();
  if (skipping) return;
  const last = withoutCr(rest);
  if (last.length > maxChars) yield LINE_TOO_LONG;
  else if (rest !== '') yield last;
}

const withoutCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
