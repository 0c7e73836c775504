/**
 * CSOM taxonomy creates (`CreateGroup`, `CreateTermSet`, `CreateTerm`, `CreateLabel`), run when
 * their object path is first used: names checked, unique among siblings, ids not taken, a name in
 * the default language always kept. Each needs the right to write (`TaxRun.mustWrite`).
 */
import type { LabelRec } from '../metadata-types.ts';
import { argument, operation } from './csom-taxonomy-errors.ts';
import type { Obj, TaxRun } from './csom-taxonomy-run.ts';

export function createGroup(run: TaxRun, rawName: string, id: string): Obj {
  run.mustWrite();
  const name = run.checkName(rawName, 'name');
  if ([...run.meta.termGroups.values()].some((g) => g.displayName.toLowerCase() === name.toLowerCase())) throw argument('Group names must be unique.');
  if (run.idTaken(id)) throw operation('The Id is already used by another item of the term store.');
  run.meta.putTermGroup({ id, displayName: name, description: '', scope: 'global', createdDateTime: run.now() });
  return { t: 'group', id };
}

export function createSet(run: TaxRun, groupId: string, rawName: string, id: string, lcid: number): Obj {
  run.mustWrite();
  const group = run.group(groupId);
  if (group.scope === 'system') throw operation('Creating a term set in system group is disallowed.');
  const name = run.checkName(rawName, 'name');
  const tag = run.tagOf(lcid);
  if (run.meta.setsOf(groupId).some((s) => s.localizedNames.some((l) => l.name.toLowerCase() === name.toLowerCase())))
    throw argument('The name parameter is invalid. It conflicts with the name of an existing TermSet in the same Group.');
  if (run.idTaken(id)) throw operation('The Id is already used by another item of the term store.');
  // a set always has a name in the default language: the given one until another is set
  const names = [{ languageTag: tag, name }];
  if (tag !== run.meta.defaultLanguageTag) names.push({ languageTag: run.meta.defaultLanguageTag, name });
  run.meta.putTermSet({ id, groupId, localizedNames: names, description: '', properties: [], createdDateTime: run.now() });
  return { t: 'set', id };
}

export function createTerm(run: TaxRun, setId: string, parentId: string | null, rawName: string, lcid: number, id: string): Obj {
  run.mustWrite();
  const name = run.checkName(rawName, 'name');
  const tag = run.tagOf(lcid);
  run.set(setId);
  const clash = run.meta.childrenOf(setId, parentId).some((t) => t.labels.some((l) => l.isDefault && l.languageTag === tag && l.name.toLowerCase() === name.toLowerCase()));
  if (clash) throw operation('There is already a term with the same default label and parent term.');
  if (run.idTaken(id)) throw operation('The Id is already used by another item of the term store.');
  // a term always has a default label in the default language: the given name until another is made default
  const labels: LabelRec[] = [{ name, languageTag: tag, isDefault: true }];
  if (tag !== run.meta.defaultLanguageTag) labels.push({ name, languageTag: run.meta.defaultLanguageTag, isDefault: true });
  const now = run.now();
  run.meta.putTerm({ id, setId, parentId, labels, descriptions: [], properties: [], createdDateTime: now, lastModifiedDateTime: now });
  return { t: 'term', id };
}

export function createLabel(run: TaxRun, termId: string, rawName: string, lcid: number, isDefault: boolean): Obj {
  run.mustWrite();
  const name = run.checkName(rawName, 'labelName');
  const tag = run.tagOf(lcid);
  const t = run.term(termId);
  if (t.labels.some((l) => l.languageTag === tag && l.name === name)) throw operation('The label already exists for this language.');
  let labels = t.labels;
  if (isDefault) {
    const clash = run.meta.childrenOf(t.setId, t.parentId).some((o) => o.id !== t.id && o.labels.some((l) => l.isDefault && l.languageTag === tag && l.name.toLowerCase() === name.toLowerCase()));
    if (clash) throw operation('There is already a term with the same default label and parent term.');
    labels = labels.map((l) => (l.languageTag === tag ? { ...l, isDefault: false } : l));
  }
  run.putTerm(t, { labels: [...labels, { name, languageTag: tag, isDefault }] });
  return { t: 'label', termId, value: name, lcid };
}
