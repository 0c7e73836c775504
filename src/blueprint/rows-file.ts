/**
 * Reads the file that a `rows:` names, and only if it lies inside the blueprint's folder. The
 * path must be relative; it is resolved with every symlink followed (realpath) and the result
 * must be under the real path of the blueprint's folder, a regular file (not a device, FIFO,
 * socket or folder), outside /proc, /sys and /dev, and at most `maxBytes` long (counted while
 * reading, not trusted from its size). The resolved path is opened with O_NOFOLLOW, so a symlink
 * put in its place after the check is refused. A refused file is never read: nothing of it can
 * be echoed. (The threat is a hostile blueprint in a pull request, not a concurrent local user.)
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { readBounded } from './read-bounded.ts';

/** Thrown by a sibling reader for a path the rules refuse; the reason names the rule, never the content. */
export class RowsRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Why a rows file was not read. `refused`: the path breaks a rule; `missing`; `tooLarge`; `unreadable`. */
export type RowsFileProblem =
  | { kind: 'refused'; reason: string }
  | { kind: 'missing'; path: string }
  | { kind: 'tooLarge'; bytes: number }
  | { kind: 'unreadable'; code: string };

export type RowsFileRead = { ok: true; bytes: Uint8Array; path: string } | ({ ok: false } & RowsFileProblem);

const SYSTEM_TREES = ['/proc', '/sys', '/dev'];

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '' && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

/** The path rules that need no file system: relative, no NUL, no escape by `..`. */
export function checkRowsPath(rel: string): string | undefined {
  if (rel.includes('\0')) return 'the path contains a NUL character';
  if (isAbsolute(rel) || win32.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return 'the path is absolute; rows: takes a path relative to the blueprint\'s folder';
  if (rel.split(/[\\/]/).includes('..')) return "the path contains '..'; a rows file must be inside the blueprint's folder";
  return undefined;
}

/** Reads `rel` relative to `baseDir` under the rules above; never throws. */
export async function readRowsFile(baseDir: string, rel: string, maxBytes: number): Promise<RowsFileRead> {
  const lexical = checkRowsPath(rel);
  if (lexical) return { ok: false, kind: 'refused', reason: lexical };
  let root: string;
  try {
    root = await realpath(resolve(baseDir));
  } catch (e) {
    return { ok: false, kind: 'unreadable', code: (e as { code?: string }).code ?? 'EIO' };
  }
  let real: string;
  try {
    real = await realpath(resolve(root, rel));
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'EIO';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, kind: 'missing', path: resolve(root, rel) };
    if (code === 'ELOOP') return { ok: false, kind: 'refused', reason: 'the path is a symlink loop' };
    return { ok: false, kind: 'unreadable', code };
  }
  if (real === root) return { ok: false, kind: 'refused', reason: 'the path is a folder, not a CSV file' };
  if (!inside(root, real)) return { ok: false, kind: 'refused', reason: "the path leads outside the blueprint's folder (through a symlink)" };
  if (SYSTEM_TREES.some((t) => real === t || real.startsWith(`${t}/`))) return { ok: false, kind: 'refused', reason: 'the path leads into a system tree (/proc, /sys, /dev)' };
  let fh;
  try {
    // O_NOFOLLOW: the resolved path has no symlink left; O_NONBLOCK: a FIFO swapped in cannot hang the open.
    fh = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'EIO';
    if (code === 'ELOOP') return { ok: false, kind: 'refused', reason: 'the file was replaced by a symlink while it was being read' };
    if (code === 'ENOENT') return { ok: false, kind: 'missing', path: real };
    return { ok: false, kind: 'unreadable', code };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, kind: 'refused', reason: st.isDirectory() ? 'the path is a folder, not a CSV file' : 'the path is not a regular file (a device, FIFO or socket)' };
    if (st.size > maxBytes) return { ok: false, kind: 'tooLarge', bytes: st.size };
    // Read at most maxBytes + 1, whatever the size said (a file may grow while it is read).
    const read = await readBounded(fh, maxBytes);
    if (!read.ok) return { ok: false, kind: 'tooLarge', bytes: read.bytesRead };
    return { ok: true, bytes: read.bytes, path: real };
  } catch (e) {
    return { ok: false, kind: 'unreadable', code: (e as { code?: string }).code ?? 'EIO' };
  } finally {
    await fh.close();
  }
}
