/**
 * The pure rules of a term set: its name in the blueprint's language is the identity, that
 * language and the owner marker are set at creation only, its names per language are a partial
 * map (stated languages compared one by one; a name another set of the group holds is read as
 * held: src/plan/held-keys.ts), and deleting or replacing a set that holds terms
 * needs allow-delete-content.
 */
import type { Change } from '../../model/change.ts';
import { sameStated } from '../../model/same-stated.ts';
import type { KindRules } from '../kind-rules.ts';
import { termSetDeclaration } from './model.ts';

export const termSetRules: KindRules<'termSet'> = {
  kind: termSetDeclaration.kind,
  api: 'SharePoint CSOM taxonomy TermGroup.TermSets',
  identity: ['name'],
  createOnly: ['language', 'owner'],
  parentKinds: termSetDeclaration.parentKinds,
  partialMaps: ['names'],
  same(name, desired, observed) {
    return name === 'names' ? sameStated(desired, observed) : undefined;
  },
  destructive(change: Change) {
    if (change.action !== 'delete' && change.action !== 'replace') return undefined;
    const count = Number((change.before as { termCount?: unknown }).termCount ?? 0);
    if (count > 0) {
      return { flag: 'allow-delete-content', reason: `the term set holds ${count} term${count === 1 ? '' : 's'}; items tagged with them keep values that no longer resolve` };
    }
    return undefined;
  },
};
