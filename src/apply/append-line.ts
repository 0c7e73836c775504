/**
 * Writes one whole line to a file opened for appending (`openSync(file, 'a')`): every write
 * goes to the file's end, as `appendFileSync` would put it, without opening and closing the file
 * for each record (the journal and the audit log write several per change: issue 12).
 */
import { writeSync } from 'node:fs';

export function appendLine(fd: number, text: string): void {
  const bytes = Buffer.from(text + '\n', 'utf8');
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
