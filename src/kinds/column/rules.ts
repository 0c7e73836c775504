/**
 * The pure rules of a column: its internal name is the identity (never renamed: SharePoint keeps
 * the stored casing), its id and term set binding are written at creation only, and a change of
 * type (or of a taxonomy column between one and several terms) is a replace.
 */
import type { KindRules } from '../kind-rules.ts';
import { columnDeclaration } from './model.ts';

export const columnRules: KindRules<'column'> = {
  kind: columnDeclaration.kind,
  api: 'Graph /sites/{id}[/lists/{id}]/columns; SharePoint REST fields/CreateFieldAsXml',
  identity: ['name'],
  createOnly: ['id', 'termSet'],
  parentKinds: columnDeclaration.parentKinds,
  replaceReason(desired, observed) {
    if (desired.type === 'taxonomy' && observed.type === 'taxonomy' && desired.allowMultiple !== undefined && (observed.allowMultiple ?? false) !== desired.allowMultiple) {
      return `a taxonomy column cannot switch between one and several terms in place`;
    }
    if (observed.type !== undefined && observed.type !== desired.type) {
      return `a column's type cannot change in place (${observed.type} -> ${desired.type})`;
    }
    return undefined;
  },
};
