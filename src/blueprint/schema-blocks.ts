/**
 * Which parts of a blueprint the schema left usable: the expander checks and expands an element
 * only when no schema problem makes it unusable, so that every other problem of a blueprint
 * still shows in the same run. Built once per load from the schema's problems.
 */
import type { Path } from '../blueprint-core/source.ts';
import type { SchemaProblem } from './validate.ts';

/** The key of a path in the maps of paths (its segments joined by NUL). */
export function pathKey(path: Path): string {
  return path.map(String).join('\u0000');
}

/** The schema's problems, indexed by every prefix of their paths. */
export class SchemaBlocks {
  constructor(private readonly blocked: SchemaProblem[]) {}

  /**
   * True when no schema problem makes the element at `path` unusable. Problems inside a nested
   * list or column element are left to that element (so a site with a bad column still has its
   * other lists checked), and a missing property that is not part of the identity (a site's
   * title) does not stop the checks of the rest. With `strict`, any problem under `path` counts
   * (templates: their problems are reported on the template, not once per row).
   */
  sound(path: Path, strict = false): boolean {
    const IDENTITY = new Set(['url', 'type', 'template', 'name', 'use', 'rows']);
    return !(this.blockedUnder().get(pathKey(path)) ?? []).some((b) => {
      if (strict) return true;
      const rest = b.path.slice(path.length);
      if (rest.length >= 2 && (rest[0] === 'lists' || rest[0] === 'columns') && typeof rest[1] === 'number') return false;
      if (rest.length === 0 && b.code === 'BP202' && b.missing && !IDENTITY.has(b.missing)) return false;
      return true;
    });
  }

  private blockedIndex?: Map<string, SchemaProblem[]>;

  /** The schema problems under each path prefix (built once: `sound` is called per element, and a hostile blueprint has many). */
  private blockedUnder(): Map<string, SchemaProblem[]> {
    if (!this.blockedIndex) {
      const index = new Map<string, SchemaProblem[]>();
      for (const b of this.blocked) {
        for (let k = 0; k <= b.path.length; k++) {
          const key = pathKey(b.path.slice(0, k));
          const list = index.get(key);
          if (list) list.push(b);
          else index.set(key, [b]);
        }
      }
      this.blockedIndex = index;
    }
    return this.blockedIndex;
  }
}
