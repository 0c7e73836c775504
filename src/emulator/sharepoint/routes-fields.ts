/**
 * SharePoint REST routes of fields (entries of the table in routes.ts; site columns under `web`,
 * list columns under a list):
 *   web/fields | web/availablefields | <list>/fields      GET ($filter on InternalName, StaticName, Id), POST (SP.Field)
 *   .../fields('id') | getbyid('id') | getbytitle('t') | getbyinternalnameortitle('n')
 *                                                        GET, MERGE (SP.Field, or SchemaXml), DELETE (sealed refused)
 *   .../fields/createfieldasxml                          POST {parameters: {SchemaXml, Options}} (schema-xml.ts)
 *   .../fields/add | addfield                            POST (SP.Field, as fields.add() sends it)
 * `FIELDS_ROUTES` are relative to a fields collection (`c.list` set under a list), `FIELD_ROUTES`
 * to a field (`c.field`, found by `FIELD_RESOLVERS`).
 */
import { randomUUID } from 'node:crypto';
import { emptyRes, isObj, type Res } from '../http.ts';
import { findEq, parseFilter } from '../odata.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { FieldRec, ListRec } from '../types.ts';
import { argumentError, spException } from './errors.ts';
import { ADD_FIELD_INTERNAL_NAME_HINT, deriveInternalName, uniqueInternalName } from './internal-name.ts';
import { fieldEntity, fieldTypeFromKind } from './project.ts';
import { SITE_COLUMN_IN_CONTENT_TYPES } from '../metadata-store.ts';
import type { SpRouteCtx } from './route-context.ts';
import { mountAll, type SpResolvers, type SpRoute } from './route-table.ts';
import { fieldFromXml, parseFieldXml } from './schema-xml.ts';
import { SP_FIELD, SP_FIELD_CREATION_INFORMATION, SP_XML_SCHEMA_FIELD_CREATION_INFORMATION } from './body-types.ts';
import type { SpBodyShape } from './body-check.ts';

/** A field, relative to it. */
const FIELD_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: (c) => c.entity(fieldEntity(c.store, c.site, c.field!), 'SP.ApiData.Fields') },
  { method: ['MERGE', 'PATCH', 'PUT'], pattern: '', handler: (c) => updateField(c, c.field!) },
  {
    method: 'DELETE',
    pattern: '',
    handler: (c) => {
      if (c.field!.sealed) throw spException('You cannot delete a sealed column.', '-2146232832');
      if (c.store.meta.linkingSiteColumn(c.field!).length > 0) throw spException(SITE_COLUMN_IN_CONTENT_TYPES, '-2146232832');
      c.store.deleteField(c.field!);
      return emptyRes(200);
    },
  },
];

/** A fields collection (a web's or a list's: `c.list`), relative to it. */
export const FIELDS_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: (c) => c.collection([...fieldsQueried(c, c.list ? c.list.id : c.site.id)].map((f) => fieldEntity(c.store, c.site, f)), 'SP.ApiData.Fields') },
  { method: 'POST', pattern: '', handler: (c) => addFieldFromProps(c, c.list ?? null, { entity: SP_FIELD }) },
  { method: 'POST', pattern: 'createfieldasxml(*)', handler: (c) => createFieldAsXml(c, c.list ?? null) },
  { method: 'POST', pattern: 'addfield(*)', handler: (c) => addFieldFromProps(c, c.list ?? null, { method: 'AddField', params: { parameters: SP_FIELD_CREATION_INFORMATION } }) },
  { method: 'POST', pattern: 'add(*)', handler: (c) => addFieldFromProps(c, c.list ?? null, { method: 'Add', params: { parameters: SP_FIELD_CREATION_INFORMATION } }) },
];

/** The ways of naming one field below a fields collection. */
const FIELD_PREFIXES = ['({field})', 'getbyinternalnameortitle({fieldname})', 'getbytitle({fieldtitle})', 'getbyid({field})'];

/** The fields collections of a web (`fields`, `availablefields`) and of a list (`fields`), with their fields. */
export function fieldsUnder(names: string[]): SpRoute[] {
  return names.flatMap((n) => [
    ...mountAll([n], FIELDS_ROUTES),
    ...mountAll(
      FIELD_PREFIXES.map((p) => (p.startsWith('(') ? `${n}${p}` : `${n}/${p}`)),
      FIELD_ROUTES,
    ),
  ]);
}

/** The field an argument names, in the scope of the request (`c.list`, else the site's columns). */
export const FIELD_RESOLVERS: SpResolvers = {
  field: (c, seg) => {
    c.field = fieldById(c.store, c.list ? c.list.id : c.site.id, seg.arg!);
  },
  fieldname: (c, seg) => {
    c.field = fieldByNameOrTitle(c.store, c.list ? c.list.id : c.site.id, seg.arg!);
  },
  fieldtitle: (c, seg) => {
    c.field = fieldByTitle(c.store, c.list ? c.list.id : c.site.id, seg.arg!);
  },
};

/** The fields of `scope`, narrowed by a `$filter` on InternalName / StaticName or Id. */
function fieldsQueried(ctx: SpRouteCtx, scope: string): Iterable<FieldRec> {
  const filter = ctx.req.query.get('$filter');
  if (!filter) return ctx.store.fieldsOf(scope);
  const ast = parseFilter(filter);
  const name = findEq(ast, 'InternalName') ?? findEq(ast, 'StaticName');
  const id = findEq(ast, 'Id');
  let f: FieldRec | undefined;
  if (name !== null) f = ctx.store.getFieldByName(scope, name);
  else if (id !== null) f = ctx.store.getField(scope, id);
  else return ctx.store.fieldsOf(scope);
  return f ? [f] : [];
}

function fieldById(store: Store, scope: string, id: string): FieldRec {
  const f = isGuid(id) ? store.getField(scope, id) : undefined;
  if (!f) throw argumentError(`Invalid field name. {${id}}`);
  return f;
}

function fieldByNameOrTitle(store: Store, scope: string, name: string): FieldRec {
  const f = store.getFieldByName(scope, name) ?? store.getFieldByTitle(scope, name);
  if (!f) throw argumentError(`Column '${name}' does not exist. It may have been deleted by another user.`);
  return f;
}

function fieldByTitle(store: Store, scope: string, title: string): FieldRec {
  const f = store.getFieldByTitle(scope, title);
  if (!f) throw argumentError(`Column '${title}' does not exist. It may have been deleted by another user.`);
  return f;
}

function createFieldAsXml(ctx: SpRouteCtx, list: ListRec | null): Res {
  const { store, site } = ctx;
  const b = ctx.body({ method: 'CreateFieldAsXml', params: { parameters: SP_XML_SCHEMA_FIELD_CREATION_INFORMATION } });
  const params = isObj(b.parameters) ? b.parameters : {};
  const xml = params.SchemaXml;
  if (typeof xml !== 'string' || !xml.trim()) throw argumentError('The parameter SchemaXml cannot be empty.');
  const parsed = parseFieldXml(xml);
  // Without AddFieldInternalNameHint SharePoint ignores Name: the internal name comes from DisplayName
  const nameHint = (Number(params.Options ?? 0) & ADD_FIELD_INTERNAL_NAME_HINT) !== 0;
  const props = fieldFromXml(parsed, false, nameHint);
  const scope = list ? list.id : site.id;
  if (!nameHint) props.internalName = props.staticName = uniqueInternalName(props.internalName!, (n) => !!store.getFieldByName(scope, n));
  const idAttr = [...parsed.attrs].find(([k]) => k.toLowerCase() === 'id')?.[1];
  let id: string = randomUUID();
  if (idAttr !== undefined) {
    if (!isGuid(idAttr)) throw argumentError(`Invalid field id '${idAttr}'.`);
    id = normGuid(idAttr);
  }
  if (store.getFieldByName(scope, props.internalName!)) throw spException(`A duplicate field name "${props.internalName}" was found.`, '-2130575340');
  if (store.getField(scope, id)) throw spException(`A duplicate field name "{${id}}" was found.`, '-2130575340');
  const f = store.addField(store.newField(site.id, list ? list.id : null, id, props.internalName!, props));
  return ctx.entity(fieldEntity(store, site, f), 'SP.ApiData.Fields', 200);
}

/** POST .../fields with an SP.Field body ({Title, FieldTypeKind, ...}) as fields.add() sends it. */
function addFieldFromProps(ctx: SpRouteCtx, list: ListRec | null, shape: SpBodyShape): Res {
  const { store, site } = ctx;
  let b = ctx.body(shape);
  if (isObj(b.parameters)) b = b.parameters;
  const title = b.Title;
  if (typeof title !== 'string' || !title) throw argumentError('The field title cannot be empty.');
  const kind = Number(b.FieldTypeKind);
  const type = fieldTypeFromKind(kind) ?? (typeof b.TypeAsString === 'string' ? b.TypeAsString : undefined);
  if (!type) throw argumentError('Invalid field type.');
  const scope = list ? list.id : site.id;
  // fields.add / addfield take only a title: SharePoint names the field itself, made unique
  const internal = uniqueInternalName(deriveInternalName(title), (n) => !!store.getFieldByName(scope, n));
  const props: Partial<FieldRec> = { internalName: internal, staticName: internal, title, type, ...fieldPatchFromProps(b) };
  if (type === 'Text' && props.maxLength === undefined) props.maxLength = 255;
  if ((type === 'Choice' || type === 'MultiChoice') && !props.choices) props.choices = [];
  if (type === 'DateTime' && !props.format) props.format = 'DateTime';
  const f = store.addField(store.newField(site.id, list ? list.id : null, randomUUID(), props.internalName!, props));
  return ctx.entity(fieldEntity(store, site, f), 'SP.ApiData.Fields', 201);
}

function fieldPatchFromProps(b: Record<string, unknown>): Partial<FieldRec> {
  const p: Partial<FieldRec> = {};
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : b[k] === null ? '' : undefined);
  const bool = (k: string) => (typeof b[k] === 'boolean' ? (b[k] as boolean) : undefined);
  const num = (k: string) => (typeof b[k] === 'number' ? (b[k] as number) : typeof b[k] === 'string' && b[k] !== '' && !isNaN(Number(b[k])) ? Number(b[k]) : undefined);
  const set = <K extends keyof FieldRec>(k: K, v: FieldRec[K] | undefined) => {
    if (v !== undefined) p[k] = v;
  };
  if (b.Title !== undefined) set('title', str('Title'));
  set('description', str('Description'));
  set('group', str('Group'));
  set('required', bool('Required'));
  set('hidden', bool('Hidden'));
  set('readOnly', bool('ReadOnlyField'));
  set('indexed', bool('Indexed'));
  set('enforceUnique', bool('EnforceUniqueValues'));
  if (b.DefaultValue !== undefined) p.defaultValue = b.DefaultValue === null || b.DefaultValue === '' ? null : String(b.DefaultValue);
  if (b.Choices !== undefined) {
    const c = isObj(b.Choices) && Array.isArray(b.Choices.results) ? b.Choices.results : b.Choices;
    if (!Array.isArray(c) || c.some((x) => typeof x !== 'string')) throw argumentError('Invalid value for Choices.');
    p.choices = [...(c as string[])];
  }
  set('fillInChoice', bool('FillInChoice'));
  if (b.EditFormat !== undefined) p.choiceFormat = Number(b.EditFormat) === 1 ? 'RadioButtons' : 'Dropdown';
  set('maxLength', num('MaxLength'));
  set('numLines', num('NumberOfLines'));
  set('richText', bool('RichText'));
  set('appendOnly', bool('AppendOnly'));
  set('min', num('MinimumValue'));
  set('max', num('MaximumValue'));
  set('percentage', bool('ShowAsPercentage'));
  set('mult', bool('AllowMultipleValues'));
  if (b.SelectionMode !== undefined) p.userSelectionMode = Number(b.SelectionMode) === 1 ? 'PeopleAndGroups' : 'PeopleOnly';
  return p;
}

function updateField(ctx: SpRouteCtx, f: FieldRec): Res {
  const b = ctx.body({ entity: SP_FIELD });
  let patch = fieldPatchFromProps(b);
  if (typeof b.DisplayFormat === 'number' || typeof b.DisplayFormat === 'string') {
    if (f.type === 'DateTime') patch.format = Number(b.DisplayFormat) === 0 ? 'DateOnly' : 'DateTime';
    if (f.type === 'Number') patch.decimals = Number(b.DisplayFormat);
  }
  if (typeof b.SchemaXml === 'string') {
    const parsed = fieldFromXml(parseFieldXml(b.SchemaXml), true);
    delete parsed.type;
    patch = { ...parsed, ...patch };
  }
  if (patch.title !== undefined && !patch.title) throw argumentError('The title cannot be empty.');
  ctx.store.updateField(f, patch);
  return emptyRes(204);
}
