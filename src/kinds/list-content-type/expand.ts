/**
 * Expansion of a list's `contentTypes: [key]` and `defaultContentType` into `listContentType`
 * resources: BP520 (an unknown key, or one that is not a content type of the list's site), BP522
 * (a default that is not one of the list's). A list's content type comes after the site type and
 * the list's own columns it links, and states the site type's column links as its own.
 */
import { didYouMean } from '../../blueprint-core/rules.ts';
import { columnAddress } from '../column/model.ts';
import { sharedColumnsOf } from '../column/expand.ts';
import { declaredContentTypesOf, linkedNames } from '../content-type/expand.ts';
import { contentTypeAddress, type ColumnLink } from '../content-type/model.ts';
import type { RawContentType } from '../../blueprint-core/schema-types.generated.ts';
import type { EarlierExpansions, KindExpansion } from '../kind-spec.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';


/** A fresh expansion of lists' content types for one load, reading the columns' and content types' expansions made before it. */
export function listContentTypeExpansion(earlier: EarlierExpansions): KindExpansion {
  const columns = sharedColumnsOf(earlier);
  const types = declaredContentTypesOf(earlier);
  // The links a list's copy must have: the site type's as declared, one array per definition
  // (undefined when it states none, or names a column that is not sound: reported there).
  const links = new WeakMap<object, ColumnLink[] | undefined>();
  const linksOf = (def: RawContentType): ColumnLink[] | undefined => {
    if (links.has(def)) return links.get(def);
    const named = def.columns?.map((link) => ({ name: columns.name(link.use), required: link.required ?? false }));
    const made = named && named.every((l) => l.name !== undefined) ? (named as ColumnLink[]) : undefined;
    links.set(def, made);
    return made;
  };
  return {
    listStart(x, l, path, list, site, row) {
      const keys = l.contentTypes;
      const defaultKey = l.defaultContentType;
      const cts = types.byKey;
      const o = { address: list, ...(row ? { row } : {}) };
      const onSite = new Set((types.siteUses() ?? []).map((u) => u.use));
      if (defaultKey !== undefined && !(keys ?? []).includes(defaultKey)) {
        x.rep.at('BP522', [...path, 'defaultContentType'], `default content type '${defaultKey}' is not one of the list's contentTypes (${(keys ?? []).join(', ') || 'none'})`, o);
      }
      (keys ?? []).forEach((key, j) => {
        const p = [...path, 'contentTypes', j];
        const shared = cts.get(key);
        if (!shared) {
          const guess = didYouMean(key, cts.keys());
          x.rep.at('BP520', p, `unknown content type '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}`, o);
          return;
        }
        if (!onSite.has(key)) {
          x.rep.at('BP520', p, `content type '${key}' is not a content type of the site: add '- use: ${key}' to the site's contentTypes`, o);
          return;
        }
        const address = contentTypeAddress(list, shared.def.name);
        if (!x.claim(address, `content type '${shared.def.name}' in ${list}`, p, row)) return;
        x.push({
          kind: 'listContentType',
          address,
          parent: list,
          props: definedProps({ name: shared.def.name, contentTypeId: shared.id, default: defaultKey === key ? true : undefined, columns: linksOf(shared.def) }),
          source: x.span(p),
          // After the site type and the list's own columns it links: adding a content type to a list
          // copies the site columns it links that the list lacks, and the list's column would then be
          // the site one (its list-level displayName, required or default would need another apply).
          after: [contentTypeAddress(site, shared.def.name), ...linkedNames(shared.def, columns).map((name) => columnAddress(list, name))],
        });
      });
    },
  };
}
