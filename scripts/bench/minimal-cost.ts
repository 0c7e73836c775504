/**
 * The benchmark workspace's minimal SharePoint cost: the requests the engine must make for it,
 * each at what the service charges (docs/local-tenant.md: Graph 1 RU for one item, 2 for a
 * write; SharePoint REST 2 per read, 3 per write), fixed, so that the ceiling derived from it
 * does not move when the engine wastes reads (issue 12). Requests shared by many workspaces
 * (the root site's ledger items, one per 62 sites of 2,000; the plan's look-up of the new team
 * sites' URLs, one listing of the tenant's sites for all of them past the first few) count as nothing.
 */

export interface RequiredRequest {
  what: string;
  /** The local tenant's name of the operation (its stats' `byOperation`, ru-breakdown.ts). */
  op: string;
  count: number;
  ru: number;
  why: string;
}

export const REQUIRED: readonly RequiredRequest[] = [
  { what: 'REST POST web/fields/createfieldasxml', op: 'SP POST web/fields/createfieldasxml', count: 6, ru: 3, why: 'six site columns with the blueprint-derived ids (Graph cannot set a column id)' },
  { what: 'REST POST web/contenttypes', op: 'SP POST web/contenttypes', count: 2, ru: 3, why: 'two content types with their derived ids (Graph cannot set one)' },
  { what: 'Graph POST contentTypes/{id}/columns', op: 'POST /sites/{id}/contentTypes/{id}/columns', count: 4, ru: 2, why: 'four column links' },
  { what: 'Graph PATCH contentTypes/{id}/columns/{id}', op: 'PATCH /sites/{id}/contentTypes/{id}/columns/{id}', count: 1, ru: 2, why: 'one link whose required differs from its column (the add cannot say it)' },
  { what: 'Graph POST sites/{id}/lists', op: 'POST /sites/{id}/lists', count: 2, ru: 2, why: 'two libraries under their final URL in one step (never twice): each title is its URL segment, from which Graph derives the URL' },
  { what: 'REST POST lists()/breakroleinheritance', op: 'SP POST web/lists()/breakroleinheritance()', count: 1, ru: 3, why: 'the library with its own permissions' },
  { what: 'REST POST lists()/roleassignments/addroleassignment', op: 'SP POST web/lists()/roleassignments/addroleassignment()', count: 3, ru: 3, why: 'three assignments' },
  { what: 'REST GET web/sitegroups', op: 'SP GET web/sitegroups', count: 1, ru: 2, why: "the site groups' ids (the service makes the groups)" },
  { what: 'Graph GET groups/{id}/sites/root', op: 'GET /groups/{id}/sites/root', count: 1, ru: 1, why: "the group's site, once it is there" },
  { what: 'Graph POST sites/{id}/lists (ledger)', op: 'POST /sites/{id}/lists', count: 1, ru: 2, why: "the site's ownership ledger list" },
  { what: 'Graph POST lists/{id}/items (ledger intent)', op: 'POST /sites/{id}/lists/{id}/items', count: 1, ru: 2, why: 'ownership intent before the creates' },
  { what: 'Graph PATCH items/{id}/fields (ledger outcome)', op: 'PATCH /sites/{id}/lists/{id}/items/{id}/fields', count: 1, ru: 2, why: 'ownership outcome after them' },
];

/** Resource units one benchmark workspace must cost SharePoint. */
export function minimalSharePointRu(): number {
  return REQUIRED.reduce((sum, r) => sum + r.count * r.ru, 0);
}
