/**
 * The pure rules of a column: its internal name is the identity (never renamed: SharePoint keeps
 * the stored casing), its id and term set binding are written at creation only, and a change of
 * type (or of a taxonomy column between one and several terms) is a replace. Deleting or
 * replacing a column of a list that holds items deletes the column's value in each of them: it
 * needs allow-delete-content, as deleting the list would.
 */
import type { KindRules } from '../kind-rules.ts';
import { columnDeclaration } from './model.ts';
import { columnReplaceReason } from './replace.ts';

export const columnRules: KindRules<'column'> = {
  kind: columnDeclaration.kind,
  api: 'Graph /sites/{id}[/lists/{id}]/columns; SharePoint REST fields/CreateFieldAsXml',
  identity: ['name'],
  createOnly: ['id', 'termSet'],
  parentKinds: columnDeclaration.parentKinds,
  destructive(change) {
    if (change.action !== 'delete' && change.action !== 'replace') return undefined;
    const items = Number(change.facts?.listItemCount ?? 0);
    if (items <= 0) return undefined;
    const what = change.action === 'delete' ? 'deleting the column' : 'replacing the column (a delete, then a create)';
    return { flag: 'allow-delete-content', reason: `the list holds ${items} item${items === 1 ? '' : 's'}: ${what} deletes its value in each` };
  },
  replaceReason(desired, observed) {
    return columnReplaceReason(desired, observed);
  },
};
