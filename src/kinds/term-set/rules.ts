/**
 * The pure rules of a term set: its name in the blueprint's language is the identity, that
 * language and the owner marker are set at creation only, its names per language are a partial
 * map (stated languages compared one by one; a name another set of the group holds is not
 * written, with why), and deleting or replacing a set that holds terms
 * needs allow-delete-content.
 */
import type { Change } from '../../model/change.ts';
import { sameStated } from '../../model/same-stated.ts';
import type { KindRules } from '../kind-rules.ts';
import { termSetDeclaration, type TermSetFacts } from './model.ts';

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
  // A name another set holds would be refused: planned, not written, with why (facts from the read).
  notApplied(change: Change) {
    if (change.action !== 'update' || !change.changes.some((d) => d.name === 'names')) return undefined;
    const f = change.facts as Partial<TermSetFacts> | undefined;
    if (!f?.nameHeld) return undefined;
    return { props: ['names'], reason: `the term set '${f.nameHeldBy}' of the same group is named '${f.nameHeld}' in one of its languages, and the term store gives a name to one set of a group in any language: rename that set first (in the blueprint, if it is declared, or in the term store)` };
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
