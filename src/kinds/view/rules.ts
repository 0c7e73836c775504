/**
 * The pure rules of a view: its title is its identity and can be renamed in case; the query
 * parts compare structurally (the filter normalised, see caml.ts), columns and sort
 * case-insensitively; a view holds no content, so no change of one needs consent.
 */
import { sameValue } from '../../model/stable-json.ts';
import type { KindRules } from '../kind-rules.ts';
import { normalizeFilter } from './caml.ts';
import { viewDeclaration } from './model.ts';

export const viewRules: KindRules<'view'> = {
  kind: viewDeclaration.kind,
  api: "SharePoint REST _api/web/lists(guid'…')/views",
  identity: ['name'],
  createOnly: [],
  renamable: ['name'],
  parentKinds: viewDeclaration.parentKinds,
  same(name, desired, observed) {
    if (name === 'filter') return sameValue(normalizeFilter(desired as never), normalizeFilter(observed as never));
    if (name === 'columns' || name === 'groupBy') {
      const a = (desired as string[] | undefined) ?? [];
      const b = (observed as string[] | undefined) ?? [];
      return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]?.toLowerCase());
    }
    if (name === 'orderBy') {
      const a = (desired as { column: string; ascending: boolean }[] | undefined) ?? [];
      const b = (observed as { column: string; ascending: boolean }[] | undefined) ?? [];
      return a.length === b.length && a.every((x, i) => x.column.toLowerCase() === b[i]?.column.toLowerCase() && x.ascending === b[i]?.ascending);
    }
    return undefined;
  },
  // A view holds no content: deleting or replacing one needs no consent flag.
  destructive() {
    return undefined;
  },
};
