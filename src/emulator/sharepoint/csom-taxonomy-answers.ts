/**
 * The answers of CSOM taxonomy `Query` actions: the term store, groups, sets, terms and labels
 * (and their collections) as the service serialises them (`_ObjectType_`, `_ObjectIdentity_`,
 * `/Guid(…)/`, `/Date(…)/`), names in the working language.
 */
import type { LabelRec, TermGroupRec, TermRec, TermSetRec } from '../metadata-types.ts';
import { operation } from './csom-taxonomy-errors.ts';
import { identityOf } from './csom-taxonomy-paths.ts';
import { LCIDS, type Obj, type TaxRun } from './csom-taxonomy-run.ts';

const guidJson = (id: string) => `/Guid(${id})/`;
const dateJson = (iso: string) => `/Date(${Date.parse(iso) || 0})/`;

export function queryJson(run: TaxRun, o: Obj, withLabels: boolean): unknown {
  const ident = (x: Obj) => ({ _ObjectType_: TYPES[x.t], _ObjectIdentity_: identityOf(run, x) });
  const collection = (type: string, items: unknown[]) => ({ _ObjectType_: type, _Child_Items_: items });
  switch (o.t) {
    case 'session':
      return { _ObjectType_: 'SP.Taxonomy.TaxonomySession', OffllineTermStoreNames: [] };
    case 'store':
      return {
        ...ident(o),
        Id: guidJson(run.meta.termStoreId),
        Name: run.storeName(),
        DefaultLanguage: run.defaultLcid,
        Languages: run.meta.languageTags.map((t) => LCIDS[t]).filter((n): n is number => n !== undefined),
        WorkingLanguage: run.workingLcid,
        IsOnline: true,
        ContentTypePublishingHub: '',
      };
    case 'stores':
      return collection('SP.Taxonomy.TermStoreCollection', [queryJson(run, { t: 'store' }, false)]);
    case 'groups':
      return collection('SP.Taxonomy.TermGroupCollection', [...run.meta.termGroups.values()].map((g) => groupJson(run, g)));
    case 'group':
      return groupJson(run, run.group(o.id));
    case 'sets':
      return collection('SP.Taxonomy.TermSetCollection', run.meta.setsOf(o.groupId).map((s) => setJson(run, s)));
    case 'set':
      return setJson(run, run.set(o.id));
    case 'terms':
      return collection('SP.Taxonomy.TermCollection', run.meta.childrenOf(o.setId, o.parentId).map((t) => termJson(run, t, withLabels)));
    case 'allTerms':
      return collection('SP.Taxonomy.TermCollection', run.meta.termsOf(o.setId).map((t) => termJson(run, t, withLabels)));
    case 'term':
      return termJson(run, run.term(o.id), withLabels);
    case 'labels':
      return collection('SP.Taxonomy.LabelCollection', run.term(o.termId).labels.map((l) => labelJson(run, o.termId, l)));
    case 'label': {
      const l = run.term(o.termId).labels.find((x) => x.name === o.value && LCIDS[x.languageTag] === o.lcid);
      if (!l) throw operation('The label does not exist.');
      return labelJson(run, o.termId, l);
    }
  }
}

export function groupJson(run: TaxRun, g: TermGroupRec): unknown {
  return {
    _ObjectType_: 'SP.Taxonomy.TermGroup',
    _ObjectIdentity_: identityOf(run, { t: 'group', id: g.id }),
    Id: guidJson(g.id),
    Name: g.displayName,
    Description: g.description,
    CreatedDate: dateJson(g.createdDateTime),
    LastModifiedDate: dateJson(g.createdDateTime),
    IsSystemGroup: g.scope === 'system',
    IsSiteCollectionGroup: g.scope === 'siteCollection',
  };
}

export function setJson(run: TaxRun, s: TermSetRec): unknown {
  return {
    _ObjectType_: 'SP.Taxonomy.TermSet',
    _ObjectIdentity_: identityOf(run, { t: 'set', id: s.id }),
    Id: guidJson(s.id),
    Name: run.setName(s),
    Names: Object.fromEntries(s.localizedNames.map((l) => [String(LCIDS[l.languageTag] ?? l.languageTag), l.name])),
    Description: s.description,
    CustomProperties: Object.fromEntries(s.properties.map((p) => [p.key, p.value])),
    CreatedDate: dateJson(s.createdDateTime),
    LastModifiedDate: dateJson(s.createdDateTime),
    IsOpenForTermCreation: false,
    IsAvailableForTagging: true,
    Contact: '',
    Owner: '',
  };
}

export function termJson(run: TaxRun, t: TermRec, withLabels: boolean): unknown {
  const tag = Object.entries(LCIDS).find(([, n]) => n === run.workingLcid)?.[0];
  const desc = t.descriptions.find((d) => d.languageTag === tag)?.description ?? '';
  return {
    _ObjectType_: 'SP.Taxonomy.Term',
    _ObjectIdentity_: identityOf(run, { t: 'term', id: t.id }),
    Id: guidJson(t.id),
    Name: run.nameOf(t),
    Description: desc,
    CustomProperties: Object.fromEntries(t.properties.map((p) => [p.key, p.value])),
    LocalCustomProperties: {},
    IsRoot: t.parentId === null,
    PathOfTerm: run.pathOf(t),
    TermsCount: run.meta.childrenOf(t.setId, t.id).length,
    CreatedDate: dateJson(t.createdDateTime),
    LastModifiedDate: dateJson(t.lastModifiedDateTime),
    IsAvailableForTagging: true,
    IsDeprecated: false,
    ...(withLabels ? { Labels: { _ObjectType_: 'SP.Taxonomy.LabelCollection', _Child_Items_: t.labels.map((l) => labelJson(run, t.id, l)) } } : {}),
  };
}

export function labelJson(run: TaxRun, termId: string, l: LabelRec): unknown {
  const lcid = LCIDS[l.languageTag] ?? 0;
  return { _ObjectType_: 'SP.Taxonomy.Label', _ObjectIdentity_: identityOf(run, { t: 'label', termId, value: l.name, lcid }), Value: l.name, Language: lcid, IsDefaultForLanguage: l.isDefault };
}

const TYPES: Record<Obj['t'], string> = {
  session: 'SP.Taxonomy.TaxonomySession',
  store: 'SP.Taxonomy.TermStore',
  stores: 'SP.Taxonomy.TermStoreCollection',
  groups: 'SP.Taxonomy.TermGroupCollection',
  group: 'SP.Taxonomy.TermGroup',
  sets: 'SP.Taxonomy.TermSetCollection',
  set: 'SP.Taxonomy.TermSet',
  terms: 'SP.Taxonomy.TermCollection',
  allTerms: 'SP.Taxonomy.TermCollection',
  term: 'SP.Taxonomy.Term',
  labels: 'SP.Taxonomy.LabelCollection',
  label: 'SP.Taxonomy.Label',
};
