/**
 * The SharePoint face's route tables: every `_api` route's entry, in the order of precedence (the
 * first entry that matches the effective method and the path serves it; route-table.ts), and the
 * resolvers of the arguments the entries name. Each resource's file exports its entries,
 * relative to where they are mounted here: `_api` itself, the web (`web`, `site/rootweb`), a
 * lists collection, a list (by id, title or path), a fields collection. Add a route there
 * (src/emulator/README.md, "Adding a SharePoint route").
 */
import { CONTENT_TYPE_RESOLVERS, LIST_CONTENT_TYPE_ROUTES, WEB_CONTENT_TYPE_ROUTES } from './content-types.ts';
import { contextInfo } from './context-info.ts';
import { notFoundSegment } from './errors.ts';
import { GROUP_SITE_MANAGER_ROUTES } from './group-site-manager.ts';
import { LIST_ITEM_RESOLVERS, LIST_ITEM_ROUTES } from './list-items.ts';
import { FIELD_RESOLVERS, fieldsUnder } from './routes-fields.ts';
import { LIST_RESOLVERS, LIST_ROUTES, LISTS_ROUTES } from './routes-lists.ts';
import { ROOT_ROUTES, WEB_ROUTES } from './routes-web.ts';
import { mountAll, otherMethods, SpRouteTable, type SpResolvers, type SpRoute } from './route-table.ts';
import { SITE_GROUP_RESOLVERS, SITE_GROUP_ROUTES } from './security-groups.ts';
import { ROLE_ASSIGNMENT_ROUTES } from './security-role-assignments.ts';
import { ROLE_DEFINITION_RESOLVERS, ROLE_DEFINITION_ROUTES } from './security-role-definitions.ts';
import { SITE_USER_RESOLVERS, SITE_USER_ROUTES } from './security-users.ts';
import { SITE_IA_LIST_ROUTES, SITE_IA_ROOT_ROUTES, SITE_IA_WEB_ROUTES, VIEW_RESOLVERS } from './site-ia.ts';
import { SITE_MANAGER_ROUTES } from './site-manager.ts';
import { TENANT_SITE_ROUTES } from './tenant-sites.ts';

/** The ways of naming the web below `_api`. */
const WEB_PREFIXES = ['web', 'site/rootweb(*)'];
/** The lists collections: `_api/lists` too, as the service takes it. */
const LISTS_PREFIXES = ['lists', ...WEB_PREFIXES.map((w) => `${w}/lists`)];
/** The ways of naming a list: by id, title or id again under each collection, and by path under the web. */
const LIST_PREFIXES = [...LISTS_PREFIXES.flatMap((l) => [`${l.replace(/lists$/, 'lists({list})')}`, `${l}/getbytitle({listtitle})`, `${l}/getbyid({list})`]), ...WEB_PREFIXES.map((w) => `${w}/getlist({listpath})`)];

/** Everything below a list, relative to it. */
const BELOW_LIST: SpRoute[] = [
  ...LIST_ROUTES,
  ...LIST_CONTENT_TYPE_ROUTES,
  ...LIST_ITEM_ROUTES,
  ...fieldsUnder(['fields']),
  ...ROLE_ASSIGNMENT_ROUTES,
  ...SITE_IA_LIST_ROUTES,
];

/** Everything below the web, relative to it. */
const BELOW_WEB: SpRoute[] = [
  ...WEB_ROUTES,
  ...WEB_CONTENT_TYPE_ROUTES,
  ...SITE_GROUP_ROUTES,
  ...SITE_USER_ROUTES,
  ...ROLE_DEFINITION_ROUTES,
  ...ROLE_ASSIGNMENT_ROUTES,
  ...SITE_IA_WEB_ROUTES,
  ...fieldsUnder(['fields', 'availablefields']),
];

/** Every route of a site's `_api`, in the order of precedence. */
export const SP_ROUTES: readonly SpRoute[] = [
  ...ROOT_ROUTES,
  ...SITE_MANAGER_ROUTES,
  ...SITE_IA_ROOT_ROUTES,
  ...mountAll(WEB_PREFIXES, BELOW_WEB),
  ...mountAll(LISTS_PREFIXES, LISTS_ROUTES),
  ...mountAll(LIST_PREFIXES, BELOW_LIST),
];

/** Every route of the tenant admin host's `_api` (`<tenant>-admin.sharepoint.com`), in the order of precedence. */
export const SP_ADMIN_ROUTES: readonly SpRoute[] = [
  // the admin host has its own form digest (clients post to it before CSOM / SPO.Tenant writes)
  { method: 'POST', pattern: 'contextinfo', handler: (c) => contextInfo(c.complex, `https://${c.store.spHost.replace(/\.sharepoint\.com$/, '-admin.sharepoint.com')}`, c.store.clock.now()) },
  otherMethods('contextinfo'),
  ...TENANT_SITE_ROUTES,
  ...GROUP_SITE_MANAGER_ROUTES,
  {
    method: '*',
    pattern: '{...}',
    handler: (c) => {
      throw notFoundSegment(c.segs[0] ?? { name: '' });
    },
  },
];

/** The resolvers of every resource's arguments; a name is one resource's only. */
function resolvers(...sets: SpResolvers[]): SpResolvers {
  const all: SpResolvers = {};
  for (const set of sets) {
    for (const [name, resolve] of Object.entries(set)) {
      if (all[name]) throw new Error(`SharePoint route argument {${name}} has two resolvers`);
      all[name] = resolve;
    }
  }
  return all;
}

const RESOLVERS = resolvers(LIST_RESOLVERS, FIELD_RESOLVERS, CONTENT_TYPE_RESOLVERS, LIST_ITEM_RESOLVERS, SITE_GROUP_RESOLVERS, SITE_USER_RESOLVERS, ROLE_DEFINITION_RESOLVERS, VIEW_RESOLVERS);

/** The compiled tables the face dispatches with. */
export const SP_TABLE = new SpRouteTable(SP_ROUTES, RESOLVERS);
export const SP_ADMIN_TABLE = new SpRouteTable(SP_ADMIN_ROUTES, RESOLVERS);
