/**
 * Expansion of content types: top-level `contentTypes:` (shared by key), a site's
 * `contentTypes: [ - use: key ]`, a list's `contentTypes: [key]` and `defaultContentType`.
 * Called by expand.ts. (The term store and a taxonomy column's term set: src/kinds/term-group/,
 * src/kinds/term-set/.)
 */
import { columnAddress, contentTypeAddress, siteAddress } from '../model/address.ts';
import type { AnyDesiredResource, SourceSpan } from '../model/resources.ts';
import type { Reporter, RowContext } from './report.ts';
import type { RawBlueprint, RawContentType } from './schema-types.generated.ts';
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

  constructor(private readonly host: ExpandHost) {}

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
