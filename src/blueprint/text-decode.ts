/**
 * Bytes to text, strictly: a file is decoded with the encoding it declares (a BOM) or is stated
 * to have, and an invalid byte is a problem with its line:col, never a silent U+FFFD. For CSV
 * files written by Excel, a file that is not valid UTF-8 and has no BOM is read as Windows-1252
 * (what "CSV (semicolon/comma delimited)" saves on a Western European Windows).
 */

/** The encodings a rows file may be read with. */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export type Decoded =
  | { ok: true; text: string; encoding: Encoding; bom: boolean; detected: boolean }
  | { ok: false; message: string; line: number; col: number };

/**
 * Windows-1252, by its own table: Node's TextDecoder('windows-1252') decodes 0x80-0x9F as C1
 * controls (ISO-8859-1), so `\x80` would not be `€`. The five bytes Windows-1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay C1 controls, which the CSV character check then refuses.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Line and column (1-based, in characters) of byte `offset` of UTF-8 bytes valid up to it. */
function utf8Pos(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      col = 1;
    } else if ((b & 0xc0) !== 0x80) col++; // count lead bytes only: one per character
  }
  return { line, col };
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF). */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [len, min, cp] = [2, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [len, min, cp] = [3, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [len, min, cp] = [4, 0x10000, b & 0x07];
    else return i;
    if (i + len > n) return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return -1;
}

function utf8(bytes: Uint8Array, start: number, what: string): Extract<Decoded, { ok: false }> | undefined {
  const bad = invalidUtf8Offset(bytes.subarray(start));
  if (bad < 0) return undefined;
  const pos = utf8Pos(bytes.subarray(start), bad);
  return { ok: false, message: `${what} is not valid UTF-8: byte 0x${bytes[start + bad]!.toString(16).padStart(2, '0')} at line ${pos.line}, column ${pos.col}`, ...pos };
}

/** A blueprint: UTF-8, with or without a BOM. */
export function decodeUtf8(bytes: Uint8Array, what: string): Decoded {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const start = bom ? 3 : 0;
  const problem = utf8(bytes, start, what);
  if (problem) return problem;
  return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start)), encoding: 'utf-8', bom, detected: false };
}

function utf16(bytes: Uint8Array, start: number, encoding: 'utf-16le' | 'utf-16be', what: string, bom: boolean, detected: boolean): Decoded {
  if ((bytes.length - start) % 2 !== 0) return { ok: false, message: `${what} is not valid ${encoding.toUpperCase()}: an odd number of bytes`, line: 1, col: 1 };
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
    return { ok: true, text, encoding, bom, detected };
  } catch {
    return { ok: false, message: `${what} is not valid ${encoding.toUpperCase()} (an unpaired surrogate)`, line: 1, col: 1 };
  }
}

/**
 * A rows file. With `stated`, that encoding (a BOM that contradicts it is an error). Without:
 * a UTF-8 BOM means UTF-8, a UTF-16 BOM means UTF-16 LE/BE, bytes that are valid UTF-8 are UTF-8,
 * and anything else is Windows-1252 (every byte decodes; `detected` says it was a guess).
 */
export function decodeRows(bytes: Uint8Array, what: string, stated?: Encoding): Decoded {
  const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  const found: Encoding | undefined = utf8Bom ? 'utf-8' : le ? 'utf-16le' : be ? 'utf-16be' : undefined;
  if (stated && found && stated !== found) {
    return { ok: false, message: `${what} starts with a ${found.toUpperCase()} byte order mark but encoding: ${stated} is stated`, line: 1, col: 1 };
  }
  const enc = stated ?? found;
  if (enc === 'utf-16le' || enc === 'utf-16be') return utf16(bytes, found ? 2 : 0, enc, what, Boolean(found), !stated);
  if (enc === 'windows-1252') {
    return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false, detected: false };
  }
  const start = utf8Bom ? 3 : 0;
  const problem = utf8(bytes, start, what);
  if (!problem) return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start)), encoding: 'utf-8', bom: utf8Bom, detected: false };
  if (enc === 'utf-8') return { ...problem, message: `${problem.message} (encoding: utf-8 is ${stated ? 'stated' : 'given by its byte order mark'})` };
  return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false, detected: true };
}
