/**
 * The pure rules of a list: its URL segment is the identity; its template cannot change (a
 * replace); deleting or replacing one that holds items needs allow-delete-content. (A title another
 * list of the site has is read as held: src/plan/held-keys.ts.)
 */
import type { KindRules } from '../kind-rules.ts';
import { listDeclaration } from './model.ts';

export const listRules: KindRules<'list'> = {
  kind: listDeclaration.kind,
  api: 'Graph /sites/{id}/lists (read; create when the title is the URL segment); SharePoint REST _api/web/lists/add, _api/web/lists',
  identity: ['url'],
  createOnly: [],
  parentKinds: listDeclaration.parentKinds,
  destructive(change) {
    if (change.action === 'delete') {
      const items = Number(change.before.itemCount ?? 0);
      return items > 0 ? { flag: 'allow-delete-content', reason: `the list holds ${items} item${items === 1 ? '' : 's'}, which would be deleted with it` } : undefined;
    }
    if (change.action === 'replace') return { flag: 'allow-delete-content', reason: 'replacing a list deletes it with every item it holds' };
    return undefined;
  },
  replaceReason(desired, observed) {
    if (observed.template !== undefined && observed.template !== desired.template) {
      return `a list's template cannot change (${observed.template} -> ${desired.template})`;
    }
    return undefined;
  },
};
