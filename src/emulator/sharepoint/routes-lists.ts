/**
 * SharePoint REST routes of lists (entries of the table in routes.ts):
 *   lists, web/lists                 GET, POST {Title, BaseTemplate, ...} (the URL from the title, numbered when taken)
 *   lists/add                        POST {parameters: SP.ListCreationInformation} (Url places it; taken is refused)
 *   lists/ensuresiteassetslibrary | ensuresitepageslibrary   known, no method taken (405)
 *   lists(guid), lists/getbytitle('t'), lists/getbyid('g'), web/getlist('/sites/x/Lists/y')
 *                                    the list: GET, MERGE {Title, Description, ...}, DELETE (resolved
 *                                    by `LIST_RESOLVERS`: `{list}`, `{listtitle}`, `{listpath}`)
 * `LISTS_ROUTES` are relative to a lists collection, `LIST_ROUTES` to a list (routes.ts mounts
 * them under each way of naming one). A list's root folder is content-types.ts's.
 */
import { emptyRes, header, isObj, type Res } from '../http.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { ListRec, SiteRec } from '../types.ts';
import { argumentError, fileNotFound, methodNotAllowed, spException, SpError } from './errors.ts';
import { listEntity, webAbs, type SpEntity } from './project.ts';
import type { SpRouteCtx } from './route-context.ts';
import { otherMethods, type SpResolvers, type SpRoute } from './route-table.ts';
import { safeDecode } from './segments.ts';
import { assignmentEntity } from './security-entities.ts';
import { assignmentsOf, secOf } from './security-records.ts';
import { SP_LIST, SP_LIST_CREATION_INFORMATION } from './body-types.ts';

/**
 * A list entity with its `RoleAssignments` navigation: the assignments its roleassignments
 * route shows (the web's while it inherits), each with `Member` and `RoleDefinitionBindings`.
 */
function withRoleAssignments(c: SpRouteCtx, e: SpEntity, listId: string): SpEntity {
  const on = { k: 'list', listId } as const;
  return { ...e, navs: { ...e.navs, RoleAssignments: () => { const rec = secOf(c); return assignmentsOf(rec, on).map((a) => assignmentEntity(c, rec, on, a)); } } };
}

const LIST_TEMPLATES = new Set([100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 119, 171, 1100]);

const TITLE_TAKEN = 'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.';

/** The lists collection, relative to it (`lists`, `web/lists`). */
export const LISTS_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: (c) => c.collection(c.store.listsOf(c.site.id).map((l) => withRoleAssignments(c, listEntity(c.store, c.site, l), l.id)), 'SP.ApiData.Lists') },
  { method: 'POST', pattern: '', handler: createList },
  { method: 'POST', pattern: 'add', handler: addList },
  otherMethods('ensuresiteassetslibrary(*)'),
  otherMethods('ensuresitepageslibrary(*)'),
];

/** A list, relative to it. */
export const LIST_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: (c) => c.entity(withRoleAssignments(c, listEntity(c.store, c.site, c.list!), c.list!.id), 'SP.ApiData.Lists') },
  { method: ['MERGE', 'PATCH', 'PUT'], pattern: '', handler: (c) => updateList(c, c.list!) },
  {
    method: 'DELETE',
    pattern: '',
    handler: (c) => {
      c.store.deleteList(c.list!);
      return emptyRes(200);
    },
  },
  {
    // a POST without X-HTTP-Method reads the list (PnPjs posts some reads)
    method: 'POST',
    pattern: '',
    handler: (c) => {
      if (header(c.req, 'x-http-method') !== undefined) throw methodNotAllowed(c.method);
      return c.entity(listEntity(c.store, c.site, c.list!), 'SP.ApiData.Lists');
    },
  },
];

/** The list an argument names: by id (`lists(guid'…')`, `getbyid`), by title, by server-relative path (`getlist`). */
export const LIST_RESOLVERS: SpResolvers = {
  list: (c, seg) => {
    c.list = listById(c.store, c.site, seg.arg!);
  },
  listtitle: (c, seg) => {
    c.list = listByTitle(c.store, c.site, seg.arg!);
  },
  listpath: (c, seg) => {
    c.list = listByPath(c.store, c.site, seg.arg!);
  },
};

function listById(store: Store, site: SiteRec, id: string): ListRec {
  const l = isGuid(id) ? store.getList(normGuid(id)) : undefined;
  if (!l || l.siteId !== site.id) throw new SpError(404, '-1, System.ArgumentException', `List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.`);
  return l;
}

function listByTitle(store: Store, site: SiteRec, title: string): ListRec {
  const l = store.getListByTitle(site.id, title);
  if (!l) throw new SpError(404, '-1, System.ArgumentException', `List '${title}' does not exist at site with URL '${webAbs(store, site)}'.`);
  return l;
}

function listByPath(store: Store, site: SiteRec, path: string): ListRec {
  let p = path;
  if (/^https?:\/\//i.test(p)) p = new URL(p).pathname;
  p = safeDecode(p);
  const webPrefix = site.url === '/' ? '' : site.url.toLowerCase();
  const lp = p.toLowerCase();
  let rel: string | null = null;
  if (lp.startsWith(webPrefix + '/')) rel = p.slice(webPrefix.length + 1);
  const l = rel !== null ? store.getListByUrl(site.id, rel) : undefined;
  if (!l) throw fileNotFound();
  return l;
}

function createList(ctx: SpRouteCtx): Res {
  const { store, site } = ctx;
  const b = ctx.body({ entity: SP_LIST });
  const title = b.Title;
  if (typeof title !== 'string' || !title.trim()) throw argumentError('The list title cannot be empty.');
  const tpl = b.BaseTemplate === undefined ? 100 : Number(b.BaseTemplate);
  if (!LIST_TEMPLATES.has(tpl)) throw argumentError('Invalid list template.');
  if (store.getListByTitle(site.id, title)) throw spException(TITLE_TAKEN);
  const list = store.createList(site, {
    title,
    description: typeof b.Description === 'string' ? b.Description : '',
    baseTemplate: tpl,
    hidden: b.Hidden === true,
    contentTypesEnabled: b.ContentTypesEnabled === true,
    allowContentTypes: b.AllowContentTypes === undefined ? true : b.AllowContentTypes === true,
  });
  return ctx.entity(listEntity(store, site, list), 'SP.ApiData.Lists', 201);
}

/**
 * `POST _api/web/lists/add` with `{ parameters: SP.ListCreationInformation }` (the REST face
 * of CSOM `ListCollection.Add`): `Url` (site-relative) places the list where it is asked, in
 * one step with its `Title`. A taken title or a taken URL is refused; a URL is never
 * renumbered when it was given.
 */
function addList(ctx: SpRouteCtx): Res {
  const { store, site } = ctx;
  const b = ctx.body({ method: 'Add', params: { parameters: SP_LIST_CREATION_INFORMATION } });
  if (!isObj(b.parameters)) throw argumentError("The parameter 'parameters' cannot be null.");
  const p = b.parameters;
  const title = p.Title;
  if (typeof title !== 'string' || !title.trim()) throw argumentError('The list title cannot be empty.');
  const tpl = p.TemplateType === undefined ? 100 : Number(p.TemplateType);
  if (!LIST_TEMPLATES.has(tpl)) throw argumentError('Invalid list template.');
  let url: string | undefined;
  if (p.Url !== undefined && p.Url !== null && p.Url !== '') {
    if (typeof p.Url !== 'string') throw argumentError('Invalid URL.');
    url = p.Url.replace(/^\/+|\/+$/g, '');
    const segs = url.split('/');
    if (segs.length > 2 || (segs.length === 2 && segs[0]!.toLowerCase() !== 'lists') || segs.some((x) => !x.trim() || /["#%&*:<>?\\{|}~\t]/.test(x) || /^\.|\.$/.test(x)))
      throw argumentError(`The URL '${p.Url}' is invalid.  It may refer to a nonexistent file or folder, or refer to a valid file or folder that is not in the current Web.`);
  }
  if (store.getListByTitle(site.id, title)) throw spException(TITLE_TAKEN);
  if (url !== undefined && store.getListByUrl(site.id, url))
    throw spException('The specified name is already in use.  A document library or list cannot have the same name as another document library or list in this Web site.', '-2130246326');
  const list = store.createList(site, {
    title,
    description: typeof p.Description === 'string' ? p.Description : '',
    baseTemplate: tpl,
    ...(url !== undefined ? { url } : {}),
  });
  return ctx.entity(listEntity(store, site, list), 'SP.ApiData.Lists', 200);
}

function updateList(ctx: SpRouteCtx, list: ListRec): Res {
  const { store, site } = ctx;
  const b = ctx.body({ entity: SP_LIST });
  const patch: Parameters<Store['updateList']>[1] = {};
  if (b.Title !== undefined) {
    if (typeof b.Title !== 'string' || !b.Title.trim()) throw argumentError('The list title cannot be empty.');
    const other = store.getListByTitle(site.id, b.Title);
    if (other && other.id !== list.id) throw spException(TITLE_TAKEN);
    patch.title = b.Title;
  }
  if (b.Description !== undefined) patch.description = typeof b.Description === 'string' ? b.Description : '';
  if (typeof b.Hidden === 'boolean') patch.hidden = b.Hidden;
  if (typeof b.ContentTypesEnabled === 'boolean') patch.contentTypesEnabled = b.ContentTypesEnabled;
  if (typeof b.AllowContentTypes === 'boolean') patch.allowContentTypes = b.AllowContentTypes;
  store.updateList(list, patch);
  return emptyRes(204);
}
