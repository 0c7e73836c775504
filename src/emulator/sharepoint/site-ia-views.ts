/**
 * SharePoint REST routes for a list's views (entries of the table in routes.ts, relative to a list):
 *   views, views/add                        GET, POST (Title, ViewQuery / Query, RowLimit, Paged, DefaultView / SetAsDefaultView, PersonalView; views/add: ViewFields, ViewTypeKind)
 *   views('id') | views/getbytitle('t') | views/getbyid('id') | defaultview    GET, MERGE, DELETE; SetViewXml 501
 *   .../viewfields                          GET ({Items, SchemaXml}); schemaxml GET; addviewfield('f'), removeviewfield('f'),
 *                                           removeallviewfields, moveviewfieldto {field, index} POST
 * A list shows its builtin default view until the first change, which stores it as a record.
 */
import { randomUUID } from 'node:crypto';
import type { Res } from '../http.ts';
import { isGuid, isLibraryTemplate, normGuid, type Store } from '../store.ts';
import type { ListRec, SiteRec } from '../types.ts';
import { builtinView, type ViewRec } from '../site-ia.ts';
import { apiBase, listServerRelativeUrl, type SpEntity } from './project.ts';
import type { SpRouteCtx } from './route-context.ts';
import { mountAll, type SpResolvers, type SpRoute } from './route-table.ts';
import { badRequest, SpError } from './errors.ts';
import { isObj } from '../http.ts';
import { body, iaContext, unquote, type IaContext } from './site-ia-context.ts';
import { SP_VIEW, SP_VIEW_CREATION_INFORMATION } from './body-types.ts';

function viewsOf(store: Store, list: ListRec): ViewRec[] {
  if (store.ia.viewsMaterialized(list.id)) return store.ia.storedViews(list.id);
  return [builtinView(list.id, list.siteId, isLibraryTemplate(list.baseTemplate), list.created)];
}

/** Before the first change to a list's views, its builtin default view becomes a stored record. */
function materialize(store: Store, list: ListRec): void {
  if (store.ia.viewsMaterialized(list.id)) return;
  const v = builtinView(list.id, list.siteId, isLibraryTemplate(list.baseTemplate), list.created);
  store.commit({ k: 'ia', op: { t: 'viewsInit', listId: list.id } });
  store.commit({ k: 'ia', op: { t: 'view', v } });
}

function putView(store: Store, v: ViewRec): void {
  store.commit({ k: 'ia', op: { t: 'view', v } });
}

export function defaultViewOf(store: Store, list: ListRec): ViewRec {
  const all = viewsOf(store, list);
  return all.find((v) => v.defaultView) ?? all[0]!;
}

/**
 * A view created: `views` takes an SP.View, `views/add` an SP.ViewCreationInformation as
 * `parameters` (its query is `Query`, where the view's is `ViewQuery`).
 */
function addView(c: IaContext, list: ListRec, creation: boolean): Res {
  const b = body(c, creation ? { method: 'Add', params: { parameters: SP_VIEW_CREATION_INFORMATION } } : { entity: SP_VIEW });
  const query = creation ? b.Query : b.ViewQuery;
  const title = b.Title;
  if (typeof title !== 'string' || !title.trim()) throw c.error(400, '-2147024809, System.ArgumentException', 'The view title cannot be empty.');
  materialize(c.store, list);
  const existing = c.store.ia.storedViews(list.id);
  const personal = b.PersonalView === true;
  if (!personal && existing.some((v) => !v.personalView && v.title.toLowerCase() === title.toLowerCase())) {
    throw c.error(500, '-2130575305, Microsoft.SharePoint.SPException', `A view named "${title}" already exists in this list.`);
  }
  const page = uniquePage(existing, title);
  const makeDefault = b.SetAsDefaultView === true || b.DefaultView === true;
  if (makeDefault) for (const o of existing) if (o.defaultView) putView(c.store, { ...o, defaultView: false });
  const v: ViewRec = {
    id: randomUUID(),
    listId: list.id,
    siteId: list.siteId,
    title,
    viewQuery: typeof query === 'string' ? query : '',
    viewFields: (creation ? viewFieldsOf(c, list, b.ViewFields) : undefined) ?? (isLibraryTemplate(list.baseTemplate) ? ['DocIcon', 'LinkFilename', 'Modified', 'Editor'] : ['LinkTitle']),
    rowLimit: rowLimitOf(c, b.RowLimit) ?? 30,
    paged: b.Paged === undefined ? true : b.Paged === true,
    defaultView: makeDefault,
    personalView: personal,
    hidden: b.Hidden === true,
    viewType: creation ? viewTypeOf(b.ViewTypeKind) : typeof b.ViewType === 'string' ? b.ViewType : 'HTML',
    pageName: page,
    created: c.store.nowIso(),
  };
  putView(c.store, v);
  return c.entity(viewEntity(c.store, c.site, list, v), 'SP.ApiData.Views', 201);
}

/**
 * A view creation's `ViewFields` (Collection(Edm.String): an array, or `{ results: [...] }` in
 * verbose JSON, as CLI for Microsoft 365's `spo list view add` sends it): the list's fields by
 * internal name or title, in the order given; undefined when not given (the default fields).
 */
function viewFieldsOf(c: IaContext, list: ListRec, raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const items = Array.isArray(raw) ? raw : isObj(raw) && Array.isArray(raw.results) ? raw.results : undefined;
  if (!items || !items.every((x) => typeof x === 'string')) throw badRequest("A node was read from the JSON reader when trying to read the contents of the property 'ViewFields'; however, a 'StartArray' node of strings was expected.");
  const fields: string[] = [];
  for (const name of items as string[]) {
    const field = resolveViewField(c, list, name);
    if (!fields.includes(field)) fields.push(field);
  }
  return fields;
}

/** SP.ViewType (`ViewTypeKind`, Edm.Int32) as a view's `ViewType`: None (0) and absent are HTML. */
const VIEW_TYPE_KINDS = new Map<number, string>([[0, 'HTML'], [1, 'HTML'], [2048, 'GRID'], [8193, 'RECURRENCE'], [131072, 'CHART'], [524288, 'CALENDAR'], [67108864, 'GANTT']]);

function viewTypeOf(raw: unknown): string {
  if (raw === undefined || raw === null) return 'HTML';
  const type = typeof raw === 'number' ? VIEW_TYPE_KINDS.get(raw) : undefined;
  if (!type) throw badRequest(`The value '${String(raw)}' of ViewTypeKind is not a view type (SP.ViewType: 0, 1, 2048, 8193, 131072, 524288, 67108864).`);
  return type;
}

function rowLimitOf(c: IaContext, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 5000) throw c.error(400, '-2147024809, System.ArgumentException', 'Value does not fall within the expected range. (RowLimit: 1 to 5000)');
  return n;
}

function uniquePage(existing: ViewRec[], title: string): string {
  const base = title.replace(/[^A-Za-z0-9]/g, '') || 'View';
  let name = `${base}.aspx`;
  for (let i = 1; existing.some((v) => v.pageName.toLowerCase() === name.toLowerCase()); i++) name = `${base}${i}.aspx`;
  return name;
}

function updateView(c: IaContext, list: ListRec, v: ViewRec): Res {
  const b = body(c, { entity: SP_VIEW });
  materialize(c.store, list);
  const cur = c.store.ia.storedViews(list.id).find((x) => x.id === v.id) ?? v;
  const next: ViewRec = { ...cur };
  if (b.Title !== undefined) {
    if (typeof b.Title !== 'string' || !b.Title.trim()) throw c.error(400, '-2147024809, System.ArgumentException', 'The view title cannot be empty.');
    next.title = b.Title;
  }
  if (b.ViewQuery !== undefined) next.viewQuery = typeof b.ViewQuery === 'string' ? b.ViewQuery : '';
  const rl = rowLimitOf(c, b.RowLimit);
  if (rl !== undefined) next.rowLimit = rl;
  if (typeof b.Paged === 'boolean') next.paged = b.Paged;
  if (typeof b.Hidden === 'boolean') next.hidden = b.Hidden;
  if (b.DefaultView === true && !cur.defaultView) {
    for (const o of c.store.ia.storedViews(list.id)) if (o.defaultView && o.id !== v.id) putView(c.store, { ...o, defaultView: false });
    next.defaultView = true;
  }
  // DefaultView: false on the default view is ignored, as in SharePoint (another view must become the default).
  putView(c.store, next);
  return c.empty(204);
}

/** Changes the view's fields (`addviewfield` ...): `change` edits the field names in place. */
function changeViewFields(c: IaContext, list: ListRec, v: ViewRec, change: (fields: string[]) => void): Res {
  materialize(c.store, list);
  const cur = c.store.ia.storedViews(list.id).find((x) => x.id === v.id) ?? v;
  const fields = [...cur.viewFields];
  change(fields);
  putView(c.store, { ...cur, viewFields: fields });
  return c.empty(200);
}

/** A view field by internal name or title (the builtin computed fields by name). */
function resolveViewField(c: IaContext, list: ListRec, name: string): string {
  const f = c.store.getFieldByName(list.id, name) ?? c.store.getFieldByTitle(list.id, name);
  const builtin = ['LinkTitle', 'LinkTitleNoMenu', 'DocIcon', 'LinkFilename', 'LinkFilenameNoMenu', 'Edit', 'SelectTitle'];
  const b = builtin.find((x) => x.toLowerCase() === name.toLowerCase());
  if (b) return b;
  if (!f) throw c.error(400, '-2147024809, System.ArgumentException', `Column '${name}' does not exist. It may have been deleted by another user.`);
  return f.internalName;
}

/** A handler on the list's view `c.view` with the context of these routes. */
function onView(run: (c: IaContext, list: ListRec, v: ViewRec, ctx: SpRouteCtx) => Res) {
  return (ctx: SpRouteCtx): Res => run(iaContext(ctx, 'list'), ctx.list!, ctx.view!, ctx);
}

/** A view, relative to it. */
const VIEW_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: onView((c, list, v) => c.entity(viewEntity(c.store, c.site, list, v), 'SP.ApiData.Views')) },
  { method: ['MERGE', 'PATCH', 'PUT'], pattern: '', handler: onView(updateView) },
  {
    method: 'DELETE',
    pattern: '',
    handler: onView((c, list, v) => {
      if (v.defaultView) throw c.error(500, '-2146232832, Microsoft.SharePoint.SPException', 'You cannot delete the default view of a list.');
      materialize(c.store, list);
      c.store.commit({ k: 'ia', op: { t: 'delView', listId: list.id, id: v.id } });
      return c.empty(200);
    }),
  },
  { method: 'POST', pattern: 'setviewxml(*)', handler: onView((c) => { throw c.error(501, '-1, System.NotSupportedException', 'SetViewXml is not supported by the local tenant.'); }) },
  { method: 'GET', pattern: 'viewfields(*)', handler: onView((c, list, v) => c.entity(viewFieldsEntity(c.store, c.site, list, v), 'SP.ApiData.ViewFieldCollections')) },
  { method: 'GET', pattern: 'viewfields(*)/schemaxml(*)', handler: onView((c, _list, v) => c.value('SchemaXml', 'Edm.String', viewFieldsXml(v.viewFields))) },
  {
    method: 'POST',
    pattern: 'viewfields(*)/addviewfield({viewfield})',
    handler: onView((c, list, v, ctx) =>
      changeViewFields(c, list, v, (fields) => {
        const name = resolveViewField(c, list, c.arg(ctx.args.viewfield!.arg)!);
        if (!fields.includes(name)) fields.push(name);
      }),
    ),
  },
  {
    method: 'POST',
    pattern: 'viewfields(*)/removeviewfield({viewfield})',
    handler: onView((c, list, v, ctx) => {
      const a = c.arg(ctx.args.viewfield!.arg)!;
      return changeViewFields(c, list, v, (fields) => {
        const i = fields.findIndex((f) => f.toLowerCase() === a.toLowerCase());
        if (i >= 0) fields.splice(i, 1);
      });
    }),
  },
  { method: 'POST', pattern: 'viewfields(*)/removeallviewfields(*)', handler: onView((c, list, v) => changeViewFields(c, list, v, (fields) => void (fields.length = 0))) },
  {
    method: 'POST',
    pattern: 'viewfields(*)/moveviewfieldto(*)',
    handler: onView((c, list, v) =>
      changeViewFields(c, list, v, (fields) => {
        const b = body(c, { method: 'MoveViewFieldTo', params: { field: null, index: null } });
        const field = typeof b.field === 'string' ? b.field : '';
        const index = Number(b.index);
        const i = fields.findIndex((f) => f.toLowerCase() === field.toLowerCase());
        if (i < 0 || !Number.isInteger(index) || index < 0) throw c.error(400, '-2147024809, System.ArgumentException', 'Value does not fall within the expected range.');
        const [f] = fields.splice(i, 1);
        fields.splice(Math.min(index, fields.length), 0, f!);
      }),
    ),
  },
];

/** A list's views, relative to the list. */
export const VIEWS_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'views', handler: (ctx) => { const c = iaContext(ctx, 'list'); return c.collection(viewsOf(c.store, ctx.list!).map((v) => viewEntity(c.store, c.site, ctx.list!, v)), 'SP.ApiData.Views'); } },
  { method: 'POST', pattern: 'views', handler: (ctx) => addView(iaContext(ctx, 'list'), ctx.list!, false) },
  { method: 'POST', pattern: 'views/add(*)', handler: (ctx) => addView(iaContext(ctx, 'list'), ctx.list!, true) },
  ...mountAll(['views({view})', 'views/getbytitle({viewtitle})', 'views/getbyid({view})', 'defaultview({defaultview?})'], VIEW_ROUTES),
];

const invalidView = () => new SpError(404, '-2147024809, System.ArgumentException', 'The specified view is invalid.');

/** `{view}` (an id), `{viewtitle}` (case-insensitively), `{defaultview}`: the list's view, or the service's 404. */
export const VIEW_RESOLVERS: SpResolvers = {
  view: (c, seg) => {
    const id = unquote(seg.arg) ?? '';
    const v = isGuid(id) ? viewsOf(c.store, c.list!).find((x) => x.id === normGuid(id)) : undefined;
    if (!v) throw invalidView();
    c.view = v;
  },
  viewtitle: (c, seg) => {
    const a = unquote(seg.arg)!;
    const v = viewsOf(c.store, c.list!).find((x) => x.title.toLowerCase() === a.toLowerCase());
    if (!v) throw invalidView();
    c.view = v;
  },
  defaultview: (c) => {
    c.view = defaultViewOf(c.store, c.list!);
  },
};

function viewFieldsXml(fields: string[]): string {
  return `<FieldRefs>${fields.map((f) => `<FieldRef Name="${f}" />`).join('')}</FieldRefs>`;
}

function viewEntity(store: Store, site: SiteRec, list: ListRec, v: ViewRec): SpEntity {
  const listUrl = listServerRelativeUrl(site, list);
  const folder = isLibraryTemplate(list.baseTemplate) ? `${listUrl}/Forms` : listUrl;
  const id = `${apiBase(store, site)}/Web/Lists(guid'${list.id}')/Views(guid'${v.id}')`;
  return {
    type: 'SP.View',
    id,
    editLink: `Web/Lists(guid'${list.id}')/Views(guid'${v.id}')`,
    props: {
      Aggregations: null,
      AggregationsStatus: null,
      BaseViewId: '1',
      ContentTypeId: { StringValue: '0x' },
      DefaultView: v.defaultView,
      DefaultViewForContentType: false,
      EditorModified: false,
      Formats: null,
      GridLayout: null,
      Hidden: v.hidden,
      HtmlSchemaXml: viewSchemaXml(list, v, folder),
      Id: v.id,
      ImageUrl: isLibraryTemplate(list.baseTemplate) ? '/_layouts/15/images/dlicon.png?rev=47' : '/_layouts/15/images/generic.png?rev=47',
      IncludeRootFolder: false,
      ViewJoins: null,
      JSLink: 'clienttemplates.js',
      ListViewXml: viewSchemaXml(list, v, folder),
      Method: null,
      MobileDefaultView: v.defaultView,
      MobileView: false,
      ModerationType: null,
      NewDocumentTemplates: null,
      OrderedView: false,
      Paged: v.paged,
      PersonalView: v.personalView,
      ViewProjectedFields: null,
      ViewQuery: v.viewQuery,
      ReadOnlyView: false,
      RequiresClientIntegration: false,
      RowLimit: v.rowLimit,
      Scope: 0,
      ServerRelativePath: { DecodedUrl: `${folder}/${v.pageName}` },
      ServerRelativeUrl: `${folder}/${v.pageName}`,
      StyleId: null,
      TabularView: true,
      Threaded: false,
      Title: v.title,
      Toolbar: '',
      ToolbarTemplateName: null,
      ViewType: v.viewType,
      ViewData: null,
      ViewType2: null,
      VisualizationInfo: null,
    },
    navs: { ViewFields: () => viewFieldsEntity(store, site, list, v) },
  };
}

function viewSchemaXml(list: ListRec, v: ViewRec, folder: string): string {
  return (
    `<View Name="{${v.id.toUpperCase()}}" ${v.defaultView ? 'DefaultView="TRUE" ' : ''}MobileView="TRUE" Type="${v.viewType}" DisplayName="${xmlAttr(v.title)}" Url="${xmlAttr(`${folder}/${v.pageName}`)}" Level="1" BaseViewID="1" ContentTypeID="0x">` +
    `<Query>${v.viewQuery}</Query>${viewFieldsXml(v.viewFields).replace('FieldRefs', 'ViewFields').replace('</FieldRefs>', '</ViewFields>')}` +
    `<RowLimit Paged="${v.paged ? 'TRUE' : 'FALSE'}">${v.rowLimit}</RowLimit></View>`
  );
  void list;
}

function viewFieldsEntity(store: Store, site: SiteRec, list: ListRec, v: ViewRec): SpEntity {
  const id = `${apiBase(store, site)}/Web/Lists(guid'${list.id}')/Views(guid'${v.id}')/ViewFields`;
  return {
    type: 'SP.ViewFieldCollection',
    id,
    editLink: `Web/Lists(guid'${list.id}')/Views(guid'${v.id}')/ViewFields`,
    props: { Items: [...v.viewFields], SchemaXml: viewFieldsXml(v.viewFields) },
  };
}

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
