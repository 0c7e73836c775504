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
  // SharePoint deletes no list's default view ("You cannot delete the default view of a list."):
  // the old default goes after the change that makes another view of the list the default.
  deleteAfter(found, sibling) {
    if (found.props.default !== true) return false;
    if (sibling.action === 'create' || sibling.action === 'replace') return sibling.after.default === true;
    return sibling.action === 'update' && sibling.changes.some((c) => c.name === 'default' && c.after === true);
  },
  deleteRefusedAlone(found) {
    return found.props.default === true ? 'it is the default view of its list, and SharePoint deletes no list\'s default view: make another view of the list the default (default: true) and the next apply deletes it' : undefined;
  },
};
