/**
 * Canonical records of the local tenant's store. One model, projected per face (Graph, SharePoint REST).
 * Records are plain JSON so that they can be journaled and snapshotted as they are.
 */

export interface UserRec {
  id: string;
  displayName: string;
  userPrincipalName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
}

export interface GroupRec {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  visibility: string | null;
  createdDateTime: string;
  renewedDateTime: string;
  securityIdentifier: string;
  owners: string[];
  members: string[];
  /** site collection id of the group's team site (null until provisioned) */
  siteId: string | null;
  /** set while the group is soft-deleted (in /directory/deletedItems); its mailNickname stays taken */
  deletedDateTime?: string | null;
}

/** A site collection with its root web (the emulator has no subwebs). */
export interface SiteRec {
  id: string; // site collection id (SP.Site.Id)
  webId: string; // root web id (SP.Web.Id)
  url: string; // server-relative url: '/', '/sites/plan'
  title: string;
  description: string;
  webTemplate: string; // 'GROUP' | 'SITEPAGEPUBLISHING' | 'STS'
  configuration: number;
  lcid: number;
  created: string;
  modified: string;
  groupId: string | null;
  owner: string | null;
  shareByEmailEnabled: boolean;
  /** epoch ms from which the site is visible (eventual consistency hook); absent = immediately */
  readyAt?: number;
  /** set while the site is in the recycle bin (its group was soft-deleted); its URL stays taken */
  deletedAt?: number;
}

/** A team: the Teams face of a Unified group (id = group id). Channels, tabs and members live in their own records. */
export interface TeamRec {
  id: string;
  internalId: string;
  webUrl: string;
  isArchived: boolean;
  createdDateTime: string;
  memberSettings: Record<string, unknown>;
  guestSettings: Record<string, unknown>;
  messagingSettings: Record<string, unknown>;
  funSettings: Record<string, unknown>;
  discoverySettings: Record<string, unknown>;
  /** simulated epoch ms from which GET /teams/{id} finds it (creation is asynchronous) */
  readyAt?: number;
}

export interface ListRec {
  id: string;
  siteId: string;
  title: string;
  description: string;
  /** web-relative url of the root folder: 'Shared Documents', 'Lists/Books' */
  url: string;
  baseTemplate: number;
  hidden: boolean;
  contentTypesEnabled: boolean;
  allowContentTypes: boolean;
  created: string;
  modified: string;
  /** highest item id ever given in this list (ids are never reused) */
  lastItemId?: number;
}

export interface FieldRec {
  id: string; // lower-case guid without braces
  siteId: string;
  listId: string | null; // null = site column (web field)
  internalName: string;
  staticName: string;
  title: string;
  description: string;
  /** SP TypeAsString base: Text, Note, Choice, MultiChoice, Number, Boolean, DateTime, User, Counter, Computed, File, ... */
  type: string;
  group: string;
  required: boolean;
  hidden: boolean;
  readOnly: boolean;
  indexed: boolean;
  enforceUnique: boolean;
  defaultValue: string | null;
  choices?: string[];
  fillInChoice?: boolean;
  choiceFormat?: 'Dropdown' | 'RadioButtons';
  maxLength?: number;
  numLines?: number;
  richText?: boolean;
  appendOnly?: boolean;
  min?: number;
  max?: number;
  decimals?: number;
  percentage?: boolean;
  format?: 'DateOnly' | 'DateTime';
  userSelectionMode?: 'PeopleOnly' | 'PeopleAndGroups';
  mult?: boolean;
  /** TaxonomyFieldType: the bound term set, the term store (SspId) and the hidden note field (TextField) */
  taxonomy?: { termSetId: string; sspId: string; textField: string | null; anchorId: string | null };
  /** attributes of the creating SchemaXml that the emulator does not model, echoed back in SchemaXml */
  extraAttrs?: Record<string, string>;
  builtin?: boolean;
  /** a builtin field that was changed after creation (so it must be snapshotted) */
  modified?: boolean;
  sealed?: boolean;
  created: string;
  lastModified: string;
}

/** A list item (or a document's list item): its fields by internal name. */
export interface ItemRec {
  id: number;
  listId: string;
  siteId: string;
  fields: Record<string, unknown>;
  created: string;
  modified: string;
  /** Bumped by every update; the item's eTag is `"<id>,<version>"`. */
  version?: number;
  /** The list's content type the item is of (the list's default when it was made); absent in state saved before it was kept. */
  contentTypeId?: string;
}
