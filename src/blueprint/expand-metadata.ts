/**
 * Expansion of the term store: the top-level `termStore:` into term groups, sets and terms.
 * Called by expand.ts. (Content types and columns are expanded by their kinds in src/kinds/;
 * a taxonomy column reads the declared term sets from the resources expanded here.)
 */
import { siteAddress, termAddress, termGroupAddress, termSetAddress } from '../model/address.ts';
import type { AnyDesiredResource, SourceSpan } from '../model/resources.ts';
import type { Reporter, RowContext } from './report.ts';
import type { RawBlueprint, RawTerm, RawTermSet } from './schema-types.generated.ts';
import type { Path } from './source.ts';

export interface ExpandHost {
  rep: Reporter;
  span(path: Path): SourceSpan;
  push(resource: AnyDesiredResource): void;
  /** Registers an address; false (reported) when it is a duplicate. */
  claim(address: string, what: string, path: Path, row?: RowContext): boolean;
}

export class MetadataExpander {
  private language = 'en-US';
  private owner = 'm365-provision';

  constructor(private readonly host: ExpandHost) {}

  /** The term store: run once, before the columns (taxonomy columns name its sets). */
  top(raw: RawBlueprint): void {
    if (raw.name) this.owner = raw.name;
    if (raw.termStore && typeof raw.termStore === 'object') this.termStore(raw.termStore);
  }

  // ---------------------------------------------------------------- term store

  private termStore(ts: NonNullable<RawBlueprint['termStore']>): void {
    if (typeof ts.language === 'string') this.language = ts.language;
    const seenGroups = new Set<string>();
    (ts.groups ?? []).forEach((g, i) => {
      const path = ['termStore', 'groups', i];
      if (!g || typeof g.name !== 'string') return;
      const address = termGroupAddress(g.name);
      if (!this.unique(seenGroups, g.name, `term group '${g.name}'`, path, address)) return;
      this.host.push({ kind: 'termGroup', address, props: defined({ name: g.name, description: g.description }), source: this.host.span(path) });
      const seenSets = new Set<string>();
      (g.termSets ?? []).forEach((s, j) => {
        const sp = [...path, 'termSets', j];
        if (!s || typeof s.name !== 'string') return;
        const setAddr = termSetAddress(address, s.name);
        if (!this.unique(seenSets, s.name, `term set '${s.name}' in group '${g.name}'`, sp, setAddr)) return;
        this.termSet(s, sp, address, setAddr);
      });
    });
  }

  private termSet(s: RawTermSet, path: Path, group: string, address: string): void {
    this.host.push({
      kind: 'termSet',
      address,
      parent: group,
      props: defined({ name: s.name, names: s.names, description: s.description, language: this.language, owner: this.owner }),
      source: this.host.span(path),
    });
    this.terms(s.terms ?? [], [...path, 'terms'], address, address, '');
  }

  private terms(terms: RawTerm[], base: Path, set: string, parent: string, prefix: string): void {
    const seen = new Set<string>();
    terms.forEach((t, i) => {
      const path = [...base, i];
      if (!t || typeof t.name !== 'string') return;
      const termPath = `${prefix}${t.name}`;
      const address = termAddress(set, termPath);
      if (!this.unique(seen, t.name, `term '${termPath}'`, path, address)) return;
      this.host.push({
        kind: 'term',
        address,
        parent,
        props: defined({
          path: termPath,
          name: t.name,
          labels: t.labels,
          description: t.description,
          properties: t.properties,
          language: this.language,
          owner: this.owner,
        }),
        source: this.host.span(path),
      });
      this.terms(t.children ?? [], [...path, 'children'], set, address, `${termPath}/`);
    });
  }

  private unique(seen: Set<string>, name: string, what: string, path: Path, address: string): boolean {
    const k = name.normalize('NFC').toLowerCase();
    if (seen.has(k)) {
      this.host.rep.at('BP524', [...path, 'name'], `duplicate ${what}: names are unique among siblings (case-insensitive)`, { address });
      return false;
    }
    seen.add(k);
    return true;
  }
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export { siteAddress };
