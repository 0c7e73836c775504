/**
 * Positions in the YAML text: maps a path of keys and indexes (the same path as in the JS value)
 * to the node that wrote it, and that node to 1-based line:col.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';

export type Path = ReadonlyArray<string | number>;

export interface Pos {
  line: number;
  col: number;
}

export class YamlSource {
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lines: LineCounter,
  ) {}

  posOfOffset(offset: number): Pos {
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }

  private resolve(node: unknown): unknown {
    let n = node;
    for (let guard = 0; guard < 100 && isAlias(n); guard++) n = n.resolve(this.doc);
    return n;
  }

  /**
   * The deepest node along `path`: `{ value, key }` where `key` is the key node of the last map
   * segment reached, and `depth` how many segments resolved.
   */
  walk(path: Path): { value?: Node; key?: Node; depth: number } {
    let node = this.resolve(this.doc.contents) as Node | undefined;
    let key: Node | undefined;
    let depth = 0;
    for (const seg of path) {
      const cur = this.resolve(node);
      if (isMap(cur)) {
        const pair = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        key = pair.key as Node;
        node = (this.resolve(pair.value) as Node | undefined) ?? key;
      } else if (isSeq(cur)) {
        const item = cur.items[Number(seg)];
        if (item === undefined) break;
        key = undefined;
        node = this.resolve(item) as Node;
      } else break;
      depth++;
    }
    return { value: node, key, depth };
  }

  /** Position of the value at `path` (or of its key, with `atKey`); the nearest existing ancestor otherwise. */
  pos(path: Path, atKey = false): Pos {
    const w = this.walk(path);
    const node = atKey && w.depth === path.length && w.key ? w.key : w.value;
    const range = node?.range;
    return range ? this.posOfOffset(range[0]) : { line: 1, col: 1 };
  }
}

/** `sites[1].lists[0].url` */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Parses an ajv instancePath (`/sites/0/url`) into a path. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
