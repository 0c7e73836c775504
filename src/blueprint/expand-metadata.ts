/**
 * Expansion of content types and the term store: top-level `contentTypes:` (shared by key) and
 * `termStore:`, a site's `contentTypes: [ - use: key ]`, a list's `contentTypes: [key]` and
 * `defaultContentType`, and the term set a taxonomy column is bound to. Called by expand.ts.
 */
import { columnAddress, contentTypeAddress, termAddress, termGroupAddress, termSetAddress } from '../model/address.ts';
import { siteAddress } from '../kinds/site/model.ts';
import type { AnyDesiredResource, ColumnProps, SourceSpan } from '../model/resources.ts';
import type { Reporter, RowContext } from './report.ts';
import type { RawBlueprint, RawContentType, RawTerm, RawTermSet } from './schema-types.generated.ts';
import type { Path } from './source.ts';
import { didYouMean } from './rules.ts';
import { uuidV5 } from './uuid.ts';

/** Built-in parents and their ids. */
export const CONTENT_TYPE_PARENTS = { Document: '0x0101', Item: '0x01', Folder: '0x0120' } as const;

/**
 * The deterministic id of a content type: parent id + `00` + a UUID v5 of its name in lower case
 * (32 hex digits). Lower case because SharePoint compares content type names case-insensitively:
 * `Beslut` and `beslut` are one type and must have one id (a case-only rename keeps the id).
 */
export function contentTypeId(name: string, parentId: string): string {
  return `${parentId}00${uuidV5(`contentType:${name.toLowerCase()}`).replace(/-/g, '').toUpperCase()}`;
}

export interface ExpandHost {
  rep: Reporter;
  span(path: Path): SourceSpan;
  push(resource: AnyDesiredResource): void;
  /** Registers an address; false (reported) when it is a duplicate. */
  claim(address: string, what: string, path: Path, row?: RowContext): boolean;
  /** Internal name of a shared column by key, when the key exists and the column is sound. */
  sharedColumnName(key: string): string | undefined;
  sharedColumnKeys(): string[];
}

interface SharedCt {
  def: RawContentType;
  path: Path;
  id: string;
  parentId: string;
}

export class MetadataExpander {
  private readonly cts = new Map<string, SharedCt>();
  /** `Group/Set` (lower case) -> term set address */
  private readonly sets = new Map<string, string>();
  private language = 'en-US';
  private owner = 'm365-provision';

  constructor(private readonly host: ExpandHost) {}

  /** The term store: run once, before the columns (taxonomy columns name its sets). */
  top(raw: RawBlueprint): void {
    if (raw.name) this.owner = raw.name;
    if (raw.termStore && typeof raw.termStore === 'object') this.termStore(raw.termStore);
  }

  /** Top-level `contentTypes:`: run after the shared columns. */
  contentTypeDefs(raw: RawBlueprint): void {
    if (raw.contentTypes && typeof raw.contentTypes === 'object') {
      for (const [key, def] of Object.entries(raw.contentTypes)) {
        if (!def || typeof def !== 'object' || typeof def.name !== 'string') continue;
        const path = ['contentTypes', key];
        const parentId = CONTENT_TYPE_PARENTS[def.parent ?? 'Document'] ?? '0x0101';
        (def.columns ?? []).forEach((link, j) => {
          if (this.host.sharedColumnName(link.use) === undefined) {
            const guess = didYouMean(link.use, this.host.sharedColumnKeys());
            this.host.rep.at('BP303', [...path, 'columns', j, 'use'], `unknown shared column '${link.use}'${guess ? ` (did you mean '${guess}'?)` : ''}`);
          }
        });
        this.cts.set(key, { def, path, id: contentTypeId(def.name, parentId), parentId });
      }
    }
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
        this.sets.set(`${g.name}/${s.name}`.toLowerCase(), setAddr);
        for (const other of Object.values(s.names ?? {})) this.sets.set(`${g.name}/${other}`.toLowerCase(), setAddr);
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

  // ---------------------------------------------------------------- columns

  /** Checks a taxonomy column's binding; returns the `after` (term set address) or false when it is unusable. */
  checkTaxonomy(def: { name: string; type: string; termSet?: string; allowMultiple?: boolean; default?: unknown }, path: Path, row?: RowContext, address?: string): boolean {
    const o = { ...(row ? { row } : {}), ...(address ? { address } : {}) };
    if (def.type !== 'taxonomy') {
      for (const k of ['termSet', 'allowMultiple'] as const) {
        if (def[k] !== undefined) {
          this.host.rep.at('BP525', [...path, k], `'${k}' is for taxonomy columns; '${def.name}' is a ${def.type} column`, { ...o, atKey: true });
          return false;
        }
      }
      return true;
    }
    if (def.default !== undefined) {
      this.host.rep.at('BP525', [...path, 'default'], `defaults of taxonomy columns are not supported yet ('${def.name}')`, o);
      return false;
    }
    if (!def.termSet) {
      this.host.rep.at('BP523', path, `taxonomy column '${def.name}' needs termSet: "Group/Set", a term set declared in termStore:`, o);
      return false;
    }
    if (!this.sets.has(def.termSet.toLowerCase())) {
      const guess = didYouMean(def.termSet, [...this.sets.keys()]);
      this.host.rep.at(
        'BP523',
        [...path, 'termSet'],
        `term set '${def.termSet}' is not declared in termStore:${guess ? ` (did you mean '${guess}'?)` : this.sets.size ? '' : ' (there is no termStore: groups)'}`,
        o,
      );
      return false;
    }
    return true;
  }

  /** Other resources a column must wait for (its term set). */
  columnAfter(props: ColumnProps): { after?: string[] } {
    const set = props.termSet ? this.sets.get(props.termSet.toLowerCase()) : undefined;
    return set ? { after: [set] } : {};
  }

  // ---------------------------------------------------------------- content types

  /** A site's `contentTypes: [ - use: key ]`; `siteColumns` are the internal names of its site columns. */
  site(uses: { use: string }[] | undefined, path: Path, site: string, siteColumns: Set<string>, row?: RowContext): void {
    (uses ?? []).forEach((u, j) => {
      const p = [...path, 'contentTypes', j];
      const shared = this.cts.get(u.use);
      const o = { address: site, ...(row ? { row } : {}) };
      if (!shared) {
        const guess = didYouMean(u.use, this.cts.keys());
        this.host.rep.at('BP520', [...p, 'use'], `unknown content type '${u.use}'${guess ? ` (did you mean '${guess}'?)` : this.cts.size ? ` (content types: ${[...this.cts.keys()].join(', ')})` : ' (there is no top-level contentTypes: map)'}`, o);
        return;
      }
      const def = shared.def;
      const address = contentTypeAddress(site, def.name);
      if (!this.host.claim(address, `content type '${def.name}' in ${site}`, p, row)) return;
      let ok = true;
      const columns: { name: string; required: boolean }[] = [];
      const after: string[] = [];
      (def.columns ?? []).forEach((link, k) => {
        const name = this.host.sharedColumnName(link.use);
        if (name === undefined) {
          ok = false;
          return;
        }
        if (!siteColumns.has(name.toLowerCase())) {
          this.host.rep.at('BP521', [...p, 'use'], `content type '${def.name}' links column '${name}', which is not a site column of ${site}: add '- use: ${link.use}' to the site's columns`, { ...o, address });
          ok = false;
          return;
        }
        columns.push({ name, required: link.required ?? false });
        after.push(`${site}/column[${name}]`);
      });
      if (!ok) return;
      this.host.push({
        kind: 'contentType',
        address,
        parent: site,
        props: defined({
          name: def.name,
          id: shared.id,
          parentId: shared.parentId,
          description: def.description,
          group: def.group,
          columns: def.columns ? columns : undefined,
        }),
        source: this.host.span(p),
        ...(after.length ? { after } : {}),
      });
    });
  }

  /** A list's `contentTypes: [key]` and `defaultContentType`; `siteTypes` are the names of the site's content types. */
  list(keys: string[] | undefined, defaultKey: string | undefined, path: Path, list: string, site: string, siteUses: { use: string }[] | undefined, row?: RowContext): void {
    const o = { address: list, ...(row ? { row } : {}) };
    const onSite = new Set((siteUses ?? []).map((u) => u.use));
    if (defaultKey !== undefined && !(keys ?? []).includes(defaultKey)) {
      this.host.rep.at('BP522', [...path, 'defaultContentType'], `default content type '${defaultKey}' is not one of the list's contentTypes (${(keys ?? []).join(', ') || 'none'})`, o);
    }
    (keys ?? []).forEach((key, j) => {
      const p = [...path, 'contentTypes', j];
      const shared = this.cts.get(key);
      if (!shared) {
        const guess = didYouMean(key, this.cts.keys());
        this.host.rep.at('BP520', p, `unknown content type '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}`, o);
        return;
      }
      if (!onSite.has(key)) {
        this.host.rep.at('BP520', p, `content type '${key}' is not a content type of ${site}: add '- use: ${key}' to the site's contentTypes`, o);
        return;
      }
      const address = contentTypeAddress(list, shared.def.name);
      if (!this.host.claim(address, `content type '${shared.def.name}' in ${list}`, p, row)) return;
      this.host.push({
        kind: 'listContentType',
        address,
        parent: list,
        props: defined({ name: shared.def.name, contentTypeId: shared.id, default: defaultKey === key ? true : undefined }),
        source: this.host.span(p),
        // After the site type and the list's own columns it links: adding a content type to a list
        // copies the site columns it links that the list lacks, and the list's column would then be
        // the site one (its list-level displayName, required or default would need another apply).
        after: [contentTypeAddress(site, shared.def.name), ...linkedNames(shared.def, this.host).map((name) => columnAddress(list, name))],
      });
    });
  }
}

function linkedNames(def: RawContentType, host: ExpandHost): string[] {
  return (def.columns ?? []).flatMap((link) => {
    const name = host.sharedColumnName(link.use);
    return name === undefined ? [] : [name];
  });
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export { siteAddress };
