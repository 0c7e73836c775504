/**
 * Long texts written as their pieces come (a plan's rendering, planTextChunks and
 * planJsonChunks), so that the text is never held whole: a plan of 10,000 workspaces is 53 MB of
 * text and a saved plan ~217 MB of JSON. `gathered` joins small pieces into writes of a useful
 * size; `writeFileChunks` writes them to a file (stdout: `outChunks` in output.ts).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** The pieces joined into strings of at least `atLeast` characters (the last one may be shorter; none empty). */
export function* gathered(chunks: Iterable<string>, atLeast: number): Generator<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= atLeast) {
      yield pending;
      pending = '';
    }
  }
  if (pending !== '') yield pending;
}

/**
 * Like `writeFile`: creates or truncates the file, writes the pieces about a megabyte a write,
 * and throws what the file system says (a missing folder, no permission).
 */
export function writeFileChunks(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const text of gathered(chunks, 1024 * 1024)) writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** writeSync may write part of a buffer: the rest follows until all of it is written. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}
