/**
 * The pure rules of a list: its URL segment is the identity; its template cannot change (a
 * replace); a title another list of the site has is not written, with why; deleting or replacing
 * one that holds items needs allow-delete-content.
 */
import type { KindRules } from '../kind-rules.ts';
import { listDeclaration, type ListFacts } from './model.ts';

export const listRules: KindRules<'list'> = {
  kind: listDeclaration.kind,
  api: 'Graph /sites/{id}/lists (read; create when the title is the URL segment); SharePoint REST _api/web/lists/add, _api/web/lists',
  identity: ['url'],
  createOnly: [],
  parentKinds: listDeclaration.parentKinds,
  // A title another list of the site has would be refused: planned, not written, with why.
  notApplied(change) {
    if (change.action !== 'update' || !change.changes.some((d) => d.name === 'title')) return undefined;
    const f = change.facts as Partial<ListFacts> | undefined;
    if (!f?.titleHeldBy) return undefined;
    return { props: ['title'], reason: `the list at '${f.titleHeldBy}' of this site has the title '${String(change.after.title)}', and SharePoint gives a title to one list of a site: rename or remove that list first (in the blueprint, if it is declared, or in the site)` };
  },
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
