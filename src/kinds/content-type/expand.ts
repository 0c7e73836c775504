/**
 * Expansion of site content types: the top-level `contentTypes:` map (shared by key; a link to an
 * unknown or unsound shared column is BP303) and a site's `contentTypes: [ - use: key ]` into
 * `contentType` resources (BP520 an unknown key, BP521 a linked column that is not a site column
 * of the same site). A content type comes after the site columns it links. Keeps what the list
 * content types need: the declared types and the uses of the site being expanded.
 */
import { didYouMean } from '../../blueprint-core/rules.ts';
import type { RawContentType } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import { columnAddress } from '../column/model.ts';
import { sharedColumnsOf, type SharedColumns } from '../column/expand.ts';
import type { EarlierExpansions, KindExpansion } from '../kind-spec.ts';
import { CONTENT_TYPE_PARENTS, contentTypeId } from './id.ts';
import { contentTypeAddress, type ContentTypeProps } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';
import { sharedProps } from '../../blueprint-core/shared-props.ts';

/** A content type of the top-level `contentTypes:` map, with its derived id. */
export interface SharedContentType {
  def: RawContentType;
  path: Path;
  id: string;
  parentId: string;
}

/** What the list content types read of the content types' expansion (one blueprint load). */
export interface DeclaredContentTypes {
  /** The shared content types by key. */
  readonly byKey: ReadonlyMap<string, SharedContentType>;
  /** The `contentTypes:` uses of the site being expanded. */
  siteUses(): { use: string }[] | undefined;
}

/** The content types' expansion, with what it keeps for the list content types. */
export interface ContentTypeExpansion extends KindExpansion {
  readonly contentTypes: DeclaredContentTypes;
}

/** A site's content type props, per frozen template part (shared-props.ts). */
const CONTENT_TYPE_PROPS = new WeakMap<object, ContentTypeProps>();

/** The declared content types of the content types' expansion made earlier in this load. */
export function declaredContentTypesOf(earlier: EarlierExpansions): DeclaredContentTypes {
  const c = earlier.contentType as Partial<ContentTypeExpansion> | undefined;
  if (!c?.contentTypes) throw new Error('the contentType kind must be listed before listContentType in src/kinds/kind-list.ts');
  return c.contentTypes;
}


/** The internal names of a content type's links to sound shared columns. */
export function linkedNames(def: RawContentType, columns: SharedColumns): string[] {
  return (def.columns ?? []).flatMap((link) => {
    const name = columns.name(link.use);
    return name === undefined ? [] : [name];
  });
}

/** A fresh expansion of site content types for one load, reading the columns' expansion made before it. */
export function contentTypeExpansion(earlier: EarlierExpansions): ContentTypeExpansion {
  const columns = sharedColumnsOf(earlier);
  const cts = new Map<string, SharedContentType>();
  let uses: { use: string }[] | undefined;
  return {
    contentTypes: { byKey: cts, siteUses: () => uses },
    top(x, raw) {
      if (!raw.contentTypes || typeof raw.contentTypes !== 'object') return;
      for (const [key, def] of Object.entries(raw.contentTypes)) {
        if (!def || typeof def !== 'object' || typeof def.name !== 'string') continue;
        const path = ['contentTypes', key];
        const parentId = CONTENT_TYPE_PARENTS[def.parent ?? 'Document'] ?? '0x0101';
        (def.columns ?? []).forEach((link, j) => {
          if (columns.name(link.use) === undefined) {
            const guess = didYouMean(link.use, columns.keys());
            x.rep.at('BP303', [...path, 'columns', j, 'use'], `unknown shared column '${link.use}'${guess ? ` (did you mean '${guess}'?)` : ''}`);
          }
        });
        cts.set(key, { def, path, id: contentTypeId(def.name, parentId), parentId });
      }
    },
    siteStart(x, s, path, site, row) {
      const siteColumns = columns.siteColumns(site);
      (s.contentTypes ?? []).forEach((u, j) => {
        const p = [...path, 'contentTypes', j];
        const shared = cts.get(u.use);
        const o = { address: site, ...(row ? { row } : {}) };
        if (!shared) {
          const guess = didYouMean(u.use, cts.keys());
          x.rep.at('BP520', [...p, 'use'], `unknown content type '${u.use}'${guess ? ` (did you mean '${guess}'?)` : cts.size ? ` (content types: ${[...cts.keys()].join(', ')})` : ' (there is no top-level contentTypes: map)'}`, o);
          return;
        }
        const def = shared.def;
        const address = contentTypeAddress(site, def.name);
        if (!x.claim(address, `content type '${def.name}' in ${site}`, p, row)) return;
        let ok = true;
        const links: { name: string; required: boolean }[] = [];
        const after: string[] = [];
        (def.columns ?? []).forEach((link) => {
          const name = columns.name(link.use);
          if (name === undefined) {
            ok = false;
            return;
          }
          if (!siteColumns.has(name.toLowerCase())) {
            x.rep.at('BP521', [...p, 'use'], `content type '${def.name}' links column '${name}', which is not a site column of the site: add '- use: ${link.use}' to the site's columns`, { ...o, address });
            ok = false;
            return;
          }
          links.push({ name, required: link.required ?? false });
          after.push(columnAddress(site, name));
        });
        if (!ok) return;
        x.push({
          kind: 'contentType',
          address,
          parent: site,
          // the links follow from the shared definition alone: one props object per use in a template
          props: sharedProps(CONTENT_TYPE_PROPS, u, () =>
            definedProps({
              name: def.name,
              id: shared.id,
              parentId: shared.parentId,
              description: def.description,
              group: def.group,
              columns: def.columns ? links : undefined,
            }),
          ),
          source: x.span(p),
          ...(after.length ? { after } : {}),
        });
      });
      uses = s.contentTypes;
    },
  };
}
