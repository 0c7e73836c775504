/**
 * The blueprint language: load a YAML blueprint, validate it (YAML, limits, schema, semantics),
 * stamp templates over rows, and return the `Desired` resources with every problem found.
 * No tenant access. Never throws for a user mistake.
 */
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Desired } from '../model/resources.ts';
import type { Code } from '../blueprint-core/codes.ts';
import { Expander } from './expand.ts';
import { FileTooLargeError, MAX_FILE_BYTES } from './expand-workspaces.ts';
import { Reporter } from '../blueprint-core/report.ts';
import { readRowsFile, RowsRefusedError } from './rows-file.ts';
import type { RawBlueprint } from '../blueprint-core/schema-types.generated.ts';
import { YamlSource } from '../blueprint-core/source.ts';
import { decodeUtf8 } from './text-decode.ts';
import { validateBlueprint } from './validate.ts';
import { eachBadScalar, flowTooDeep, MAX_DEPTH, nfcValues, nodeTooDeep } from './yaml-limits.ts';
import { readBounded } from './read-bounded.ts';

export { CODES, type Code } from '../blueprint-core/codes.ts';
export { columnId, uuidV5, ID_NAMESPACE } from '../blueprint-core/uuid.ts';
export { blueprintSchema } from './schema.ts';
export { MAX_FILE_BYTES, MAX_ROWS } from './expand-workspaces.ts';
export { MAX_DEPTH } from './yaml-limits.ts';

export interface LoadResult {
  /** Present only when there is no error (warnings and infos allowed). */
  desired?: Desired;
  diagnostics: Diagnostic[];
}

/** The most aliases a blueprint may dereference (guards against "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

const YAML_CODES: Partial<Record<string, Code>> = {
  DUPLICATE_KEY: 'BP104',
  MULTIPLE_DOCS: 'BP103',
  RESOURCE_EXHAUSTION: 'BP105',
};

/** Reads at most MAX_FILE_BYTES + 1 bytes of a regular file (the size is counted, not trusted). */
async function readLimited(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    if (st.size > MAX_FILE_BYTES) throw new FileTooLargeError(st.size);
    const read = await readBounded(fh, MAX_FILE_BYTES);
    if (!read.ok) throw new FileTooLargeError(read.bytesRead);
    return read.bytes;
  } finally {
    await fh.close();
  }
}

/** Reads a blueprint file (and the CSV files it names, relative to its folder). */
export async function loadBlueprint(file: string): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(file);
  } catch (e) {
    const rep = new Reporter(undefined, file);
    if (e instanceof FileTooLargeError) {
      rep.inFile('BP101', file, 1, 1, `the blueprint is ${e.bytes} bytes (at most ${MAX_FILE_BYTES}, 5 MiB)`);
    } else {
      const code = (e as { code?: string }).code;
      rep.inFile('BP100', file, 1, 1,
        code === 'ENOENT' ? `blueprint file not found: ${file}`
        : code === 'EISDIR' ? `${file} is a folder; expected a blueprint YAML file (such as ${join(file, 'blueprint.yaml')})`
        : `cannot read the blueprint: ${code ?? (e as Error).message}`);
    }
    return { diagnostics: rep.diagnostics };
  }
  const decoded = decodeUtf8(bytes, 'the blueprint');
  if (!decoded.ok) {
    const rep = new Reporter(undefined, file);
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    rep.inFile('BP108', file, decoded.line, decoded.col, utf16 ? 'the blueprint is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8' : `${decoded.message}: save the file as UTF-8`);
    return { diagnostics: rep.diagnostics };
  }
  const base = dirname(file);
  return loadBlueprintText(decoded.text, file, async (rel) => {
    const r = await readRowsFile(base, rel, MAX_FILE_BYTES);
    if (r.ok) return r.bytes;
    if (r.kind === 'refused') throw new RowsRefusedError(r.reason);
    if (r.kind === 'tooLarge') throw new FileTooLargeError(r.bytes);
    if (r.kind === 'missing') throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    throw Object.assign(new Error(r.code), { code: r.code });
  });
}

/**
 * Loads a blueprint from text. `file` names it in diagnostics and sources; `readSibling` reads a
 * file named by a `rows:` (a CSV), relative to the blueprint's folder: bytes (decoded as the
 * rows rules say) or text (already decoded). It is only called with a relative path that stays
 * in the folder by its words (no `..`); `loadBlueprint`'s reader also resolves symlinks. It
 * throws `RowsRefusedError`, `FileTooLargeError` or an error with a `code` (ENOENT).
 */
export async function loadBlueprintText(
  text: string,
  file: string,
  readSibling?: (relPath: string) => Promise<string | Uint8Array>,
): Promise<LoadResult> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES) {
    const rep = new Reporter(undefined, file);
    rep.inFile('BP101', file, 1, 1, `the blueprint is ${bytes} bytes (at most ${MAX_FILE_BYTES}, 5 MiB)`);
    return { diagnostics: rep.diagnostics };
  }
  const deepAt = flowTooDeep(text);
  if (deepAt >= 0) {
    const lineStart = text.lastIndexOf('\n', deepAt - 1) + 1;
    const p = { line: text.slice(0, lineStart).split('\n').length, col: deepAt - lineStart + 1 };
    const rep = new Reporter(undefined, file);
    rep.inFile('BP105', file, p.line, p.col, `nesting deeper than ${MAX_DEPTH} levels of [ ] and { }`);
    return { diagnostics: rep.diagnostics };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: true });
  const src = new YamlSource(file, doc, lines);
  const rep = new Reporter(src, file);

  for (const err of doc.errors) {
    const pos = src.posOfOffset(err.pos[0]);
    const code = YAML_CODES[err.code] ?? 'BP102';
    let message = err.message.replace(/\s+at line \d+, column \d+.*$/s, '');
    if (/call stack/i.test(message)) message = `nesting too deep (at most ${MAX_DEPTH} levels)`;
    if (err.code === 'DUPLICATE_KEY') message = 'duplicate key: a key may appear only once in a mapping';
    if (err.code === 'MULTIPLE_DOCS') message = 'more than one YAML document (---): a blueprint is one document';
    rep.inFile(code, file, pos.line, pos.col, message);
  }
  for (const w of doc.warnings) {
    const pos = src.posOfOffset(w.pos[0]);
    rep.add({ severity: 'warning', code: 'BP102', message: w.message, file, line: pos.line, col: pos.col });
  }
  if (rep.hasErrors) {
    rep.finish();
    return { diagnostics: rep.diagnostics };
  }
  const deep = nodeTooDeep(doc);
  if (deep) {
    const pos = src.posOfOffset(deep.range?.[0] ?? 0);
    rep.inFile('BP105', file, pos.line, pos.col, `nesting deeper than ${MAX_DEPTH} levels`);
    return { diagnostics: rep.diagnostics };
  }
  eachBadScalar(doc, (node, bad) => {
    const pos = src.posOfOffset(node.range?.[0] ?? 0);
    rep.at('BP315', [], `the text contains ${bad.label} at character ${bad.index + 1}: control and bidirectional characters are not allowed`, { pos, onePerPlace: true });
  });

  let data: unknown;
  try {
    data = nfcValues(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  } catch (e) {
    const msg = (e as Error).message;
    if (/alias/i.test(msg)) {
      rep.inFile('BP105', file, 1, 1, `too many aliases (*ref): at most ${MAX_ALIAS_COUNT} may be expanded; this looks like an alias bomb`);
    } else {
      rep.inFile('BP102', file, 1, 1, msg);
    }
    return { diagnostics: rep.diagnostics };
  }
  if (!isMap(doc.contents) && !(data && typeof data === 'object' && !Array.isArray(data))) {
    rep.at('BP107', [], data === null || data === undefined ? 'the blueprint is empty: start with version: 1' : 'a blueprint is a mapping of keys (version:, sites:, ...), not a list or a value');
    return { diagnostics: rep.diagnostics };
  }

  const problems = validateBlueprint(data, rep);
  const expander = new Expander(rep, src, file, problems, readSibling);
  await expander.run(data as RawBlueprint);

  const diagnostics = rep.diagnostics.sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file === file ? -1 : b.file === file ? 1 : a.file.localeCompare(b.file)));
  rep.finish();
  if (rep.hasErrors) return { diagnostics };
  const raw = data as RawBlueprint;
  const desired: Desired = { file, resources: expander.resources };
  if (typeof raw.name === 'string') desired.name = raw.name;
  if (Array.isArray(raw.prune)) desired.prune = raw.prune.map((kind) => ({ kind }));
  if (expander.rowsOfSites.size > 0) desired.rowsOfSites = expander.rowsOfSites;
  return { desired, diagnostics };
}
