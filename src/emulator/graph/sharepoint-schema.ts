/**
 * The declared properties of the SharePoint-backed entity types the Graph face serves, as Graph
 * v1.0's metadata lists them (`shared/reference/graph-v1.0-entities.json`: microsoft.graph.site,
 * microsoft.graph.list, microsoft.graph.listItem and microsoft.graph.drive with what they inherit
 * from baseItem and entity, microsoft.graph.columnDefinition and microsoft.graph.contentType with
 * entity's `id`); the Teams types are in teams-schema.ts, checked the same way. Graph takes structural and navigation properties alike in
 * `$select`, navigation properties only in `$expand`; anything else is refused as the service
 * refuses it (sharepoint-select.ts).
 */

/**
 * What an entity type declares, lower-cased: what `$select`, `$expand` and write bodies are checked
 * against (sites, lists, items, columns, content types, drives; the Teams types; a directory type
 * has these too, for `checkedExpand`).
 */
export interface SharePointType {
  /** `microsoft.graph.site`: the type the service's error names */
  readonly name: string;
  /** structural properties, lower-cased */
  readonly properties: ReadonlySet<string>;
  /** navigation properties, lower-cased */
  readonly navigation: ReadonlySet<string>;
}

/** The names as each one is declared, for a lower-cased set `lower` made (query options compare case-insensitively, write bodies exactly). */
const declaredAs = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/** A type's names lower-cased (what `$select`, `$expand` and `$filter` are matched against); `exactly` gives them back as declared. */
export function lower(names: string[]): ReadonlySet<string> {
  const set = new Set(names.map((n) => n.toLowerCase()));
  declaredAs.set(set, new Set(names));
  return set;
}

/** The names of a set `lower` made, as the metadata spells them (`displayName`, not `displayname`). */
export function exactly(set: ReadonlySet<string>): ReadonlySet<string> {
  const names = declaredAs.get(set);
  if (!names) throw new Error('exactly: not a set of declared names');
  return names;
}

/** entity's, then baseItem's (the abstract base of site and list) */
const BASE_ITEM = ['id', 'createdBy', 'createdDateTime', 'description', 'eTag', 'lastModifiedBy', 'lastModifiedDateTime', 'name', 'parentReference', 'webUrl'];
const BASE_ITEM_NAVIGATION = ['createdByUser', 'lastModifiedByUser'];

/** `/sites/{id}`, `/sites?search=`, `/groups/{id}/sites/root` */
export const SITE_TYPE: SharePointType = {
  name: 'microsoft.graph.site',
  properties: lower([...BASE_ITEM, 'displayName', 'error', 'isPersonalSite', 'root', 'sharepointIds', 'siteCollection']),
  navigation: lower([
    ...BASE_ITEM_NAVIGATION, 'analytics', 'columns', 'contentTypes', 'drive', 'drives', 'externalColumns', 'items', 'lists', 'onenote', 'operations',
    'pages', 'permissions', 'sites', 'termStore', 'termStores',
  ]),
};

/** `/sites/{id}/lists[/{id}]` */
export const LIST_TYPE: SharePointType = {
  name: 'microsoft.graph.list',
  properties: lower([...BASE_ITEM, 'displayName', 'list', 'sharepointIds', 'system']),
  navigation: lower([...BASE_ITEM_NAVIGATION, 'columns', 'contentTypes', 'drive', 'items', 'operations', 'permissions', 'subscriptions']),
};

/** `/sites/{id}/lists/{id}/items[/{id}]` (its `fields` is a fieldValueSet: open, its names are the list's columns) */
export const LIST_ITEM_TYPE: SharePointType = {
  name: 'microsoft.graph.listItem',
  properties: lower([...BASE_ITEM, 'contentType', 'deleted', 'sharepointIds']),
  navigation: lower([...BASE_ITEM_NAVIGATION, 'analytics', 'documentSetVersions', 'driveItem', 'fields', 'permissions', 'versions']),
};

/** `/groups/{id}/drive`, `/groups/{id}/drives` (a document library as a drive) */
export const DRIVE_TYPE: SharePointType = {
  name: 'microsoft.graph.drive',
  properties: lower([...BASE_ITEM, 'driveType', 'owner', 'quota', 'sharePointIds', 'system']),
  navigation: lower([...BASE_ITEM_NAVIGATION, 'bundles', 'following', 'items', 'list', 'root', 'special']),
};

/** `/sites/{id}[/lists/{id}]/columns[/{id}]`, `.../contentTypes/{id}/columns[/{id}]` and `$expand=columns(...)` */
export const COLUMN_TYPE: SharePointType = {
  name: 'microsoft.graph.columnDefinition',
  properties: lower([
    'id', 'boolean', 'calculated', 'choice', 'columnGroup', 'contentApprovalStatus', 'currency', 'dateTime', 'defaultValue', 'description',
    'displayName', 'enforceUniqueValues', 'geolocation', 'hidden', 'hyperlinkOrPicture', 'indexed', 'isDeletable', 'isReorderable', 'isSealed',
    'lookup', 'name', 'number', 'personOrGroup', 'propagateChanges', 'readOnly', 'required', 'sourceContentType', 'term', 'text', 'thumbnail',
    'type', 'validation',
  ]),
  navigation: lower(['sourceColumn']),
};

/** `/sites/{id}[/lists/{id}]/contentTypes[/{id}]` */
export const CONTENT_TYPE_TYPE: SharePointType = {
  name: 'microsoft.graph.contentType',
  properties: lower([
    'id', 'associatedHubsUrls', 'description', 'documentSet', 'documentTemplate', 'group', 'hidden', 'inheritedFrom', 'isBuiltIn', 'name', 'order',
    'parentId', 'propagateChanges', 'readOnly', 'sealed',
  ]),
  navigation: lower(['base', 'baseTypes', 'columnLinks', 'columnPositions', 'columns']),
};
