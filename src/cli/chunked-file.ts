/**
 * Writes a long text to a file as its pieces come (a saved plan, planJsonChunks), gathered into
 * writes of about a megabyte, so that the text is never held whole: a saved plan of 10,000
 * workspaces is ~217 MB. Like `writeFile`, it creates or truncates the file and throws what the
 * file system says (a missing folder, no permission).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const WRITE_CHARS = 1024 * 1024;

export function writeFileChunks(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    let pending = '';
    for (const chunk of chunks) {
      pending += chunk;
      if (pending.length >= WRITE_CHARS) {
        writeAll(fd, pending);
        pending = '';
      }
    }
    if (pending !== '') writeAll(fd, pending);
  } finally {
    closeSync(fd);
  }
}

/** writeSync may write part of a buffer: the rest follows until all of it is written. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}
