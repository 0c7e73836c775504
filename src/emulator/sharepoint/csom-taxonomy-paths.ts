/**
 * The object paths of a CSOM taxonomy request (`StaticMethod`, `Property`, `Method`, `Identity`)
 * resolved to term store objects, each once per request (a `Create*` path creates when first
 * used), and the `_ObjectIdentity_` the answers carry, which later requests send back as
 * `Identity` paths.
 */
import { randomUUID } from 'node:crypto';
import { createGroup, createLabel, createSet, createTerm } from './csom-taxonomy-create.ts';
import { notInRange, operation, unsupported } from './csom-taxonomy-errors.ts';
import { IDENTITY_MARK, LCIDS, TAXONOMY_SESSION_TYPE, type Obj, type TaxRun, type XmlEl } from './csom-taxonomy-run.ts';

export function resolve(run: TaxRun, id: string, depth = 0): Obj {
  const hit = run.resolved.get(id);
  if (hit) return hit;
  const p = run.paths.get(id);
  if (!p || depth > 30) throw unsupported(`object path ${id}`);
  const obj = pathObj(run, p, depth);
  run.resolved.set(id, obj);
  return obj;
}

export function pathObj(run: TaxRun, p: XmlEl, depth: number): Obj {
  const name = p.attrs.Name ?? '';
  if (p.name === 'StaticMethod') {
    if ((p.attrs.TypeId ?? '').toLowerCase() === TAXONOMY_SESSION_TYPE && name === 'GetTaxonomySession') return { t: 'session' };
    throw unsupported(`the static method ${name}`);
  }
  if (p.name === 'Identity') return identity(run, name);
  const parent = resolve(run, p.attrs.ParentId ?? '', depth + 1);
  const ps = run.params(p);
  if (p.name === 'Property') {
    if (parent.t === 'session' && name === 'TermStores') return { t: 'stores' };
    if (parent.t === 'store' && name === 'Groups') return { t: 'groups' };
    if (parent.t === 'group' && name === 'TermSets') return { t: 'sets', groupId: parent.id };
    if (parent.t === 'set' && name === 'Terms') return { t: 'terms', setId: parent.id, parentId: null };
    if (parent.t === 'term' && name === 'Terms') return { t: 'terms', setId: run.term(parent.id).setId, parentId: parent.id };
    if (parent.t === 'term' && name === 'Labels') return { t: 'labels', termId: parent.id };
    if (parent.t === 'term' && name === 'TermSet') return { t: 'set', id: run.term(parent.id).setId };
    if (parent.t === 'set' && name === 'Group') return { t: 'group', id: run.set(parent.id).groupId };
    throw unsupported(`the property ${name} of ${parent.t}`);
  }
  if (p.name !== 'Method') throw unsupported(p.name);
  switch (`${parent.t}.${name}`) {
    case 'session.GetDefaultSiteCollectionTermStore':
    case 'session.GetDefaultKeywordsTermStore':
      return { t: 'store' };
    case 'stores.GetById':
      if (run.guid(ps[0], 'id') !== run.meta.termStoreId) throw notInRange();
      return { t: 'store' };
    case 'stores.GetByName':
      if (run.str(ps[0], 'name').toLowerCase() !== run.storeName().toLowerCase()) throw notInRange();
      return { t: 'store' };
    case 'groups.GetById':
    case 'store.GetGroup':
      return { t: 'group', id: run.group(run.guid(ps[0], 'id')).id };
    case 'groups.GetByName': {
      const n = run.str(ps[0], 'name').toLowerCase();
      const g = [...run.meta.termGroups.values()].find((x) => x.displayName.toLowerCase() === n);
      if (!g) throw notInRange();
      return { t: 'group', id: g.id };
    }
    case 'store.GetTermSet':
      return { t: 'set', id: run.set(run.guid(ps[0], 'termSetId')).id };
    case 'sets.GetById': {
      const s = run.set(run.guid(ps[0], 'id'));
      if (parent.t === 'sets' && s.groupId !== parent.groupId) throw notInRange();
      return { t: 'set', id: s.id };
    }
    case 'sets.GetByName': {
      const n = run.str(ps[0], 'name').toLowerCase();
      const s = parent.t === 'sets' ? run.meta.setsOf(parent.groupId).find((x) => x.localizedNames.some((l) => l.name.toLowerCase() === n)) : undefined;
      if (!s) throw notInRange();
      return { t: 'set', id: s.id };
    }
    case 'set.GetAllTerms':
      if (parent.t !== 'set') break;
      return { t: 'allTerms', setId: parent.id };
    case 'store.GetTerm':
      return { t: 'term', id: run.term(run.guid(ps[0], 'termId')).id };
    case 'terms.GetById': {
      const t = run.term(run.guid(ps[0], 'id'));
      if (parent.t === 'terms' && (t.setId !== parent.setId || t.parentId !== parent.parentId)) throw notInRange();
      return { t: 'term', id: t.id };
    }
    case 'terms.GetByName': {
      const n = run.str(ps[0], 'name').toLowerCase();
      const t = parent.t === 'terms' ? run.meta.childrenOf(parent.setId, parent.parentId).find((x) => run.nameOf(x).toLowerCase() === n) : undefined;
      if (!t) throw notInRange();
      return { t: 'term', id: t.id };
    }
    case 'labels.GetByValue': {
      if (parent.t !== 'labels') break;
      const v = run.str(ps[0], 'name');
      const l = run.term(parent.termId).labels.find((x) => x.name === v);
      if (!l) throw notInRange();
      return { t: 'label', termId: parent.termId, value: l.name, lcid: LCIDS[l.languageTag] ?? 0 };
    }
    case 'store.CreateGroup':
      return createGroup(run, run.str(ps[0], 'name'), ps[1] ? run.guid(ps[1], 'groupId') : randomUUID());
    case 'group.CreateTermSet':
      if (parent.t !== 'group') break;
      return createSet(run, parent.id, run.str(ps[0], 'name'), ps[1] ? run.guid(ps[1], 'newTermSetId') : randomUUID(), ps[2] ? run.int(ps[2], 'lcid') : run.workingLcid);
    case 'set.CreateTerm':
    case 'term.CreateTerm': {
      if (parent.t !== 'set' && parent.t !== 'term') break;
      const setId = parent.t === 'set' ? parent.id : run.term(parent.id).setId;
      return createTerm(run, setId, parent.t === 'term' ? parent.id : null, run.str(ps[0], 'name'), run.int(ps[1], 'lcid'), ps[2] ? run.guid(ps[2], 'newTermId') : randomUUID());
    }
    case 'term.CreateLabel':
      if (parent.t !== 'term') break;
      return createLabel(run, parent.id, run.str(ps[0], 'labelName'), run.int(ps[1], 'lcid'), run.str(ps[2], 'isDefault').toLowerCase() === 'true');
  }
  throw unsupported(`the method ${name} of ${parent.t}`);
}

export function identity(run: TaxRun, name: string): Obj {
  const m = new RegExp(`${IDENTITY_MARK}:(ts|gr|se|te|la):([^:|]+)(?::(.*))?$`, 'i').exec(name);
  if (!m) throw unsupported(`the object identity '${name.slice(0, 80)}'`);
  const id = m[2]!.toLowerCase();
  switch (m[1]!.toLowerCase()) {
    case 'ts':
      if (id !== run.meta.termStoreId) throw operation('The term store was not found.');
      return { t: 'store' };
    case 'gr':
      return { t: 'group', id: run.group(id).id };
    case 'se':
      return { t: 'set', id: run.set(id).id };
    case 'te':
      return { t: 'term', id: run.term(id).id };
    default: {
      const [lcid, ...rest] = (m[3] ?? '').split(':');
      return { t: 'label', termId: run.term(id).id, lcid: Number(lcid), value: decodeURIComponent(rest.join(':')) };
    }
  }
}

export function identityOf(run: TaxRun, o: Obj): string {
  const base = `${run.corr}|${IDENTITY_MARK}:`;
  switch (o.t) {
    case 'store':
      return `${base}ts:${run.meta.termStoreId}`;
    case 'group':
      return `${base}gr:${o.id}`;
    case 'set':
      return `${base}se:${o.id}`;
    case 'term':
      return `${base}te:${o.id}`;
    case 'label':
      return `${base}la:${o.termId}:${o.lcid}:${encodeURIComponent(o.value)}`;
    default:
      return `${base}${o.t}`;
  }
}
