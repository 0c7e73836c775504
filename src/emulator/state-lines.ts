/**
 * The lines of a state file (snapshot.jsonl, oplog.jsonl), read 64 KiB at a time and split on
 * the newline byte, so that a local tenant of any size loads in bounded memory: the snapshot of
 * 10,000 applied workspaces is 133 MB, and one of the 50,000 a blueprint may stamp would pass the
 * 512 MB a string can hold (read whole, it could not be loaded at all). The emulator's own
 * reader: it imports nothing from the engine (ARCHITECTURE.md, decision 3).
 */
import fs from 'node:fs';

/** One line of a state file: its text (UTF-8, without the newline), its number, and whether a newline ended it. */
export interface StateLine {
  text: string;
  lineNo: number;
  /** No newline after it: the file's last bytes (a line torn by a kill, in the op log). */
  unterminated: boolean;
}

const PIECE_BYTES = 64 * 1024;

/**
 * The lines of the open file `fd`. A line longer than `maxBytes` throws (`tooLong(lineNo)`):
 * the emulator writes every line itself, so such a line is corruption.
 */
export function* stateLines(fd: number, maxBytes: number, tooLong: (lineNo: number) => Error): Generator<StateLine> {
  const piece = Buffer.alloc(PIECE_BYTES);
  let carry: Buffer[] = []; // the start of a line that began in an earlier piece
  let carried = 0;
  let lineNo = 0;
  for (let position = 0; ; ) {
    const read = fs.readSync(fd, piece, 0, PIECE_BYTES, position);
    if (read === 0) break;
    position += read;
    let from = 0;
    for (let end = piece.indexOf(10, 0); end >= 0 && end < read; end = piece.indexOf(10, from)) {
      lineNo++;
      if (carried + end - from > maxBytes) throw tooLong(lineNo);
      const text = carried === 0 ? piece.toString('utf8', from, end) : Buffer.concat([...carry, piece.subarray(from, end)]).toString('utf8');
      carry = [];
      carried = 0;
      yield { text, lineNo, unterminated: false };
      from = end + 1;
    }
    if (from < read) {
      carried += read - from;
      if (carried > maxBytes) throw tooLong(lineNo + 1);
      carry.push(Buffer.from(piece.subarray(from, read))); // a copy: the piece is read into again
    }
  }
  if (carried > 0) yield { text: Buffer.concat(carry).toString('utf8'), lineNo: lineNo + 1, unterminated: true };
}
