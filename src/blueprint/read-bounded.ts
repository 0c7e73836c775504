/**
 * Reads an open file up to a byte limit, counting what it reads instead of trusting the size the
 * file system reported (a file may grow while it is read, and /proc files report 0).
 */
import type { FileHandle } from 'node:fs/promises';

/** The file's bytes, or how many were read when it went past `maxBytes` (at most `maxBytes + 1`). */
export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; bytesRead: number };

export async function readBounded(fh: FileHandle, maxBytes: number): Promise<BoundedRead> {
  const chunks: Buffer[] = [];
  let got = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - got));
    const { bytesRead } = await fh.read(chunk, 0, chunk.length, got);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    got += bytesRead;
    if (got > maxBytes) return { ok: false, bytesRead: got };
  }
  return { ok: true, bytes: Buffer.concat(chunks, got) };
}
