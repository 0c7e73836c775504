/**
 * The Graph face's one route table: every route's entry, in the order of precedence (the first
 * entry that matches the method and the path serves it; route-table.ts), and the resolvers of the
 * path parameters the entries name. Each resource's file exports its entries; add a route there
 * (src/emulator/README.md, "Adding a Graph route").
 */
import { graphBatch } from './batch.ts';
import { DELETED_ITEMS_ROUTES } from './deleted-items.ts';
import { GROUP_DRIVE_ROUTES } from './group-drive.ts';
import { CONTENT_TYPE_PARAMS } from './metadata.ts';
import { jsonBody, unknownPath } from './route-context.ts';
import { TEAM_CONTENT_PARAMS, TEAM_CONTENT_ROUTES } from './routes-channels.ts';
import { COMMON_CLIENT_ROUTES } from './routes-common-clients.ts';
import { DIRECTORY_ROUTES } from './routes-directory.ts';
import { SITES_PARAMS, SITES_ROUTES } from './routes-sites.ts';
import { TEAM_ROUTES } from './routes-teams.ts';
import { RouteTable, type GraphRoute, type ParamResolvers } from './route-table.ts';
import { SENSITIVITY_LABEL_ROUTES } from './sensitivity-labels.ts';
import { TERM_STORE_PARAMS } from './term-store.ts';

/** Every Graph route, in the order of precedence. */
export const GRAPH_ROUTES: readonly GraphRoute[] = [
  ...COMMON_CLIENT_ROUTES,
  ...TEAM_ROUTES,
  ...TEAM_CONTENT_ROUTES,
  ...DELETED_ITEMS_ROUTES,
  ...GROUP_DRIVE_ROUTES,
  ...SENSITIVITY_LABEL_ROUTES,
  ...DIRECTORY_ROUTES,
  ...SITES_ROUTES,
  { method: 'POST', pattern: '/$batch', op: '/$batch', handler: (c) => graphBatch(jsonBody(c.req), c.req, c.handle, c.gate) },
  { method: '*', pattern: '/{...}', op: '(unknown)', handler: unknownPath },
];

/** The resolvers of every resource's parameters; a name is one resource's only. */
function resolvers(...sets: ParamResolvers[]): ParamResolvers {
  const all: ParamResolvers = {};
  for (const set of sets) {
    for (const [name, resolve] of Object.entries(set)) {
      if (all[name]) throw new Error(`Graph route parameter {${name}} has two resolvers`);
      all[name] = resolve;
    }
  }
  return all;
}

/** The compiled table the face dispatches with. */
export const GRAPH_TABLE = new RouteTable(GRAPH_ROUTES, resolvers(SITES_PARAMS, CONTENT_TYPE_PARAMS, TERM_STORE_PARAMS, TEAM_CONTENT_PARAMS));
