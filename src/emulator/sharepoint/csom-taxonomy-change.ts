/**
 * CSOM taxonomy changes of existing objects: `SetProperty` (`Name`, `Description`, a label's
 * `Value`, `WorkingLanguage`), methods (`SetCustomProperty`, `DeleteCustomProperty`,
 * `SetDescription`, `GetDescription`, `SetAsDefaultForLanguage`, `CommitAll`) and `DeleteObject`.
 */
import type { KeyValueRec, TermRec, TermSetRec } from '../metadata-types.ts';
import { argument, operation, unsupported } from './csom-taxonomy-errors.ts';
import type { Obj, TaxRun, XmlEl } from './csom-taxonomy-run.ts';

export function setProperty(run: TaxRun, o: Obj, name: string, p: XmlEl | undefined): void {
  if (o.t === 'store' && name === 'WorkingLanguage') {
    const lcid = run.int(p, 'value');
    run.tagOf(lcid);
    run.workingLcid = lcid;
    return;
  }
  run.mustWrite();
  const text = p && p.attrs.Type !== 'Null' ? p.text : '';
  if (o.t === 'group' && (name === 'Name' || name === 'Description')) {
    const g = run.group(o.id);
    if (name === 'Name') {
      const n = run.checkName(text, 'value');
      if ([...run.meta.termGroups.values()].some((x) => x.id !== g.id && x.displayName.toLowerCase() === n.toLowerCase())) throw argument('Group names must be unique.');
      run.meta.putTermGroup({ ...g, displayName: n });
    } else run.meta.putTermGroup({ ...g, description: text.slice(0, 1000) });
    return;
  }
  if (o.t === 'set' && (name === 'Name' || name === 'Description')) {
    const s = run.set(o.id);
    if (name === 'Description') {
      run.meta.putTermSet({ ...s, description: text.slice(0, 1000) });
      return;
    }
    const n = run.checkName(text, 'value');
    const tag = run.tagOf(run.workingLcid);
    if (run.meta.setsOf(s.groupId).some((x) => x.id !== s.id && x.localizedNames.some((l) => l.name.toLowerCase() === n.toLowerCase())))
      throw argument('The name parameter is invalid. It conflicts with the name of an existing TermSet in the same Group.');
    const names = s.localizedNames.some((l) => l.languageTag === tag) ? s.localizedNames.map((l) => (l.languageTag === tag ? { ...l, name: n } : l)) : [...s.localizedNames, { languageTag: tag, name: n }];
    run.meta.putTermSet({ ...s, localizedNames: names });
    return;
  }
  if (o.t === 'term' && name === 'Name') {
    const t = run.term(o.id);
    const n = run.checkName(text, 'value');
    const tag = run.tagOf(run.workingLcid);
    const labels = t.labels.some((l) => l.isDefault && l.languageTag === tag) ? t.labels.map((l) => (l.isDefault && l.languageTag === tag ? { ...l, name: n } : l)) : [...t.labels, { name: n, languageTag: tag, isDefault: true }];
    run.putTerm(t, { labels });
    return;
  }
  if (o.t === 'label' && (name === 'Value' || name === 'IsDefaultForLanguage')) {
    if (name === 'IsDefaultForLanguage') return labelDefault(run, o);
    const t = run.term(o.termId);
    const n = run.checkName(text, 'value');
    const tag = run.tagOf(o.lcid);
    const label = t.labels.find((l) => l.languageTag === tag && l.name === o.value);
    if (!label) throw operation('The label does not exist.');
    if (t.labels.some((l) => l !== label && l.languageTag === tag && l.name === n)) throw operation('The label already exists for this language.');
    if (label.isDefault && run.meta.childrenOf(t.setId, t.parentId).some((x) => x.id !== t.id && x.labels.some((l) => l.isDefault && l.languageTag === tag && l.name.toLowerCase() === n.toLowerCase())))
      throw operation('There is already a term with the same default label and parent term.');
    run.putTerm(t, { labels: t.labels.map((l) => (l === label ? { ...l, name: n } : l)) });
    return;
  }
  if ((o.t === 'set' || o.t === 'term') && (name === 'IsOpenForTermCreation' || name === 'IsAvailableForTagging')) return; // accepted, not modelled
  throw unsupported(`setting ${name} on ${o.t}`);
}

export function labelDefault(run: TaxRun, o: Extract<Obj, { t: 'label' }>): void {
  const t = run.term(o.termId);
  const tag = run.tagOf(o.lcid);
  if (!t.labels.some((l) => l.languageTag === tag && l.name === o.value)) throw operation('The label does not exist.');
  run.putTerm(t, { labels: t.labels.map((l) => (l.languageTag === tag ? { ...l, isDefault: l.name === o.value } : l)) });
}

export function method(run: TaxRun, o: Obj, name: string, ps: XmlEl[], id: number, results: unknown[]): void {
  if (o.t === 'store' && (name === 'CommitAll' || name === 'UpdateCache' || name === 'RollbackAll')) {
    if (name === 'CommitAll') run.mustWrite();
    return;
  }
  if ((o.t === 'set' || o.t === 'term') && (name === 'SetCustomProperty' || name === 'DeleteCustomProperty')) {
    run.mustWrite();
    const key = run.str(ps[0], 'name');
    if (!key.trim() || key.length > 255) throw argument('The custom property name is invalid.');
    const rec = o.t === 'set' ? run.set(o.id) : run.term(o.id);
    let props: KeyValueRec[] = rec.properties.filter((p) => p.key !== key);
    if (name === 'SetCustomProperty') {
      const value = ps[1] && ps[1].attrs.Type !== 'Null' ? ps[1].text : '';
      if (value.length > 255) throw argument('The custom property value is too long (255 characters at most).');
      props = rec.properties.some((p) => p.key === key) ? rec.properties.map((p) => (p.key === key ? { key, value } : p)) : [...rec.properties, { key, value }];
    }
    if (o.t === 'set') run.meta.putTermSet({ ...(rec as TermSetRec), properties: props });
    else run.putTerm(rec as TermRec, { properties: props });
    return;
  }
  if (o.t === 'term' && name === 'SetDescription') {
    run.mustWrite();
    const text = ps[0] && ps[0].attrs.Type !== 'Null' ? ps[0].text : '';
    const tag = run.tagOf(run.int(ps[1], 'lcid'));
    if (text.length > 1000) throw argument('The description is too long (1000 characters at most).');
    const t = run.term(o.id);
    const others = t.descriptions.filter((d) => d.languageTag !== tag);
    run.putTerm(t, { descriptions: text ? [...others, { description: text, languageTag: tag }] : others });
    return;
  }
  if (o.t === 'term' && name === 'GetDescription') {
    const tag = run.tagOf(run.int(ps[0], 'lcid'));
    results.push(id, run.term(o.id).descriptions.find((d) => d.languageTag === tag)?.description ?? '');
    return;
  }
  if (o.t === 'label' && name === 'SetAsDefaultForLanguage') {
    run.mustWrite();
    labelDefault(run, o);
    return;
  }
  if (name === 'DeleteObject') {
    run.mustWrite();
    deleteObject(run, o);
    return;
  }
  throw unsupported(`the method ${name} of ${o.t}`);
}

export function deleteObject(run: TaxRun, o: Obj): void {
  switch (o.t) {
    case 'group': {
      const g = run.group(o.id);
      if (g.scope === 'system') throw operation('The system group cannot be deleted.');
      if (run.meta.setsOf(g.id).length) throw operation('A group that contains term sets cannot be deleted. Delete its term sets first.');
      run.meta.deleteTermGroup(g);
      return;
    }
    case 'set':
      run.meta.deleteTermSet(run.set(o.id));
      return;
    case 'term':
      run.meta.deleteTerm(run.term(o.id));
      return;
    case 'label': {
      const t = run.term(o.termId);
      const tag = run.tagOf(o.lcid);
      const l = t.labels.find((x) => x.languageTag === tag && x.name === o.value);
      if (!l) throw operation('The label does not exist.');
      if (l.isDefault) throw operation('The default label of a language cannot be deleted.');
      run.putTerm(t, { labels: t.labels.filter((x) => x !== l) });
      return;
    }
  }
  throw unsupported(`DeleteObject on ${o.t}`);
}
