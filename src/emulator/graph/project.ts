/**
 * Graph v1.0 wire shapes of the canonical records (from graph-v1.0-entities.json and the documented
 * examples in shared/reference/graph-examples).
 */
import type { Store } from '../store.ts';
import { isLibraryTemplate } from '../store.ts';
import type { FieldRec, GroupRec, ListRec, SiteRec, UserRec } from '../types.ts';
import { ColumnInputError } from './errors.ts';

/** The most characters a multiple lines of text column holds (its `maxLength` in Graph). */
export const NOTE_MAX_LENGTH = 63_999;

export const GRAPH_BASE = 'https://graph.microsoft.com/v1.0';

export function userJson(u: UserRec): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: null,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
  };
}

/** Properties of a user that are returned only when $select asks for them. */
export function userExtra(u: UserRec): Record<string, unknown> {
  return { mailNickname: u.userPrincipalName.split('@')[0], accountEnabled: true, userType: 'Member', deletedDateTime: null };
}

export function groupJson(g: GroupRec, store: Store): Record<string, unknown> {
  const unified = g.groupTypes.some((t) => t.toLowerCase() === 'unified');
  const mail = g.mailEnabled ? `${g.mailNickname}@${store.domain}` : null;
  return {
    id: g.id,
    deletedDateTime: g.deletedDateTime ?? null,
    classification: null,
    createdDateTime: g.createdDateTime,
    description: g.description,
    displayName: g.displayName,
    expirationDateTime: null,
    groupTypes: g.groupTypes,
    isAssignableToRole: null,
    mail,
    mailEnabled: g.mailEnabled,
    mailNickname: g.mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesDomainName: null,
    onPremisesLastSyncDateTime: null,
    onPremisesNetBiosName: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: mail ? [`SMTP:${mail}`] : [],
    renewedDateTime: g.renewedDateTime,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: store.teams.has(g.id) ? ['Team'] : [],
    securityEnabled: g.securityEnabled,
    securityIdentifier: g.securityIdentifier,
    theme: null,
    visibility: unified ? g.visibility : g.visibility ?? null,
    onPremisesProvisioningErrors: [],
    serviceProvisioningErrors: [],
  };
}

export function groupExtra(): Record<string, unknown> {
  return { allowExternalSenders: false, autoSubscribeNewMembers: false, hideFromAddressLists: false, hideFromOutlookClients: false, isSubscribedByMail: false, unseenCount: 0, isArchived: false };
}

export function graphSiteId(store: Store, s: SiteRec): string {
  return `${store.spHost},${s.id},${s.webId}`;
}

export function siteJson(store: Store, s: SiteRec): Record<string, unknown> {
  const name = s.url === '/' ? '' : s.url.split('/').pop()!;
  const o: Record<string, unknown> = {
    createdDateTime: s.created,
    description: s.description,
    id: graphSiteId(store, s),
    lastModifiedDateTime: s.modified,
    name,
    webUrl: store.absoluteUrl(s.url === '/' ? '' : s.url),
    displayName: s.title,
    isPersonalSite: false,
    siteCollection: { hostname: store.spHost },
  };
  if (s.url === '/') o.root = {};
  return o;
}

export function siteExtra(store: Store, s: SiteRec, tenantId: string): Record<string, unknown> {
  return { sharepointIds: { siteId: s.id, siteUrl: store.absoluteUrl(s.url === '/' ? '' : s.url), tenantId, webId: s.webId } };
}

const TEMPLATES: Record<number, string> = {
  100: 'genericList',
  101: 'documentLibrary',
  102: 'survey',
  103: 'links',
  104: 'announcements',
  105: 'contacts',
  106: 'events',
  107: 'tasks',
  108: 'discussionBoard',
  109: 'pictureLibrary',
  119: 'webPageLibrary',
  171: 'tasksWithTimelineAndHierarchy',
  1100: 'issueTracking',
};

export function templateName(t: number): string {
  return TEMPLATES[t] ?? 'genericList';
}

export function templateNumber(name: string): number | undefined {
  const l = name.toLowerCase();
  for (const [k, v] of Object.entries(TEMPLATES)) if (v.toLowerCase() === l) return Number(k);
  if (l === 'generic') return 100;
  return undefined;
}

const systemIdentity = { user: { displayName: 'System Account', id: '' } };

export function listName(l: ListRec): string {
  return l.url.split('/').pop()!;
}

export function listJson(store: Store, site: SiteRec, l: ListRec): Record<string, unknown> {
  const webPath = site.url === '/' ? '' : site.url;
  return {
    '@odata.etag': `"${l.id},1"`,
    createdDateTime: l.created,
    description: l.description,
    eTag: `"${l.id},1"`,
    id: l.id,
    lastModifiedDateTime: l.modified,
    name: listName(l),
    webUrl: store.absoluteUrl(`${webPath}/${l.url}`),
    displayName: l.title,
    createdBy: systemIdentity,
    lastModifiedBy: systemIdentity,
    parentReference: { siteId: graphSiteId(store, site) },
    list: { contentTypesEnabled: l.contentTypesEnabled, hidden: l.hidden, template: templateName(l.baseTemplate) },
  };
}

export function listExtra(store: Store, site: SiteRec, l: ListRec, tenantId: string): Record<string, unknown> {
  return { sharepointIds: { listId: l.id, siteId: site.id, siteUrl: store.absoluteUrl(site.url === '/' ? '' : site.url), tenantId, webId: site.webId } };
}

export { isLibraryTemplate };

const DECIMALS = ['none', 'one', 'two', 'three', 'four', 'five'];

/** Project a field as a Graph columnDefinition (null for types Graph does not surface). */
export function columnJson(f: FieldRec): Record<string, unknown> | null {
  const o: Record<string, unknown> = {
    columnGroup: f.group || (f.listId ? undefined : 'Custom Columns'),
    description: f.description,
    displayName: f.title,
    enforceUniqueValues: f.enforceUnique,
    hidden: f.hidden,
    id: f.id,
    indexed: f.indexed,
    name: f.internalName,
    readOnly: f.readOnly,
    required: f.required,
    isDeletable: !f.sealed,
    isReorderable: true,
    isSealed: !!f.sealed,
    propagateChanges: false,
  };
  if (o.columnGroup === undefined) delete o.columnGroup;
  if (f.defaultValue !== null && f.defaultValue !== '') o.defaultValue = { value: f.defaultValue };
  switch (f.type) {
    case 'Text':
      o.text = { allowMultipleLines: false, appendChangesToExistingText: false, linesForEditing: 0, maxLength: f.maxLength ?? 255 };
      break;
    case 'Note':
      o.text = { allowMultipleLines: true, appendChangesToExistingText: !!f.appendOnly, linesForEditing: f.numLines ?? 6, maxLength: NOTE_MAX_LENGTH, textType: f.richText ? 'richText' : 'plain' };
      break;
    case 'Choice':
    case 'MultiChoice':
      o.choice = {
        allowTextEntry: !!f.fillInChoice,
        choices: f.choices ?? [],
        displayAs: f.type === 'MultiChoice' ? 'checkBoxes' : f.choiceFormat === 'RadioButtons' ? 'radioButtons' : 'dropDownMenu',
      };
      break;
    case 'Number':
      o.number = {
        decimalPlaces: f.decimals === undefined || f.decimals < 0 ? 'automatic' : DECIMALS[f.decimals] ?? 'automatic',
        displayAs: 'number',
        maximum: f.max ?? Number.MAX_VALUE,
        minimum: f.min ?? -Number.MAX_VALUE,
      };
      break;
    case 'Boolean':
      o.boolean = {};
      break;
    case 'DateTime':
      o.dateTime = { displayAs: 'default', format: f.format === 'DateOnly' ? 'dateOnly' : 'dateTime' };
      break;
    case 'TaxonomyFieldType':
      o.term = { allowMultipleValues: !!f.mult, showFullyQualifiedName: false };
      break;
    case 'User':
    case 'UserMulti':
      o.personOrGroup = { allowMultipleSelection: !!f.mult || f.type === 'UserMulti', chooseFromType: f.userSelectionMode === 'PeopleAndGroups' ? 'peopleAndGroups' : 'peopleOnly', displayAs: 'account' };
      break;
    default:
      return null;
  }
  return o;
}


/**
 * Apply a Graph columnDefinition body (create or PATCH) to field properties.
 * Returns the changed FieldRec properties.
 */
export function columnPatch(body: Record<string, unknown>, current: FieldRec | null): Partial<FieldRec> {
  const p: Partial<FieldRec> = {};
  const str = (k: string): string | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (v !== null && typeof v !== 'string') throw new ColumnInputError(`Invalid value for property '${k}'.`);
    return v ?? '';
  };
  const bool = (k: string): boolean | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw new ColumnInputError(`Invalid value for property '${k}'.`);
    return v;
  };
  const set = <K extends keyof FieldRec>(k: K, v: FieldRec[K] | undefined) => {
    if (v !== undefined) p[k] = v;
  };
  set('title', str('displayName'));
  set('description', str('description'));
  set('group', str('columnGroup'));
  set('required', bool('required'));
  set('hidden', bool('hidden'));
  set('readOnly', bool('readOnly'));
  set('indexed', bool('indexed'));
  set('enforceUnique', bool('enforceUniqueValues'));
  if (body.defaultValue !== undefined) {
    const dv = body.defaultValue;
    if (dv === null) p.defaultValue = null;
    else if (typeof dv === 'object' && dv !== null) {
      const v = (dv as Record<string, unknown>).value;
      p.defaultValue = v === undefined || v === null ? null : v === true ? '1' : v === false ? '0' : String(v);
    } else throw new ColumnInputError("Invalid value for property 'defaultValue'.");
  }
  const facets = ['text', 'choice', 'number', 'boolean', 'dateTime', 'personOrGroup'].filter((k) => body[k] !== undefined && body[k] !== null);
  const unsupported = ['calculated', 'currency', 'lookup', 'term', 'hyperlinkOrPicture', 'geolocation', 'thumbnail', 'contentApprovalStatus'].filter((k) => body[k] !== undefined && body[k] !== null);
  if (unsupported.length) throw new ColumnInputError(`The column type '${unsupported[0]}' is not supported by the local tenant.`);
  if (facets.length > 1) throw new ColumnInputError('A column can have only one type facet.');
  const facet = facets[0];
  if (facet) {
    const fv = body[facet];
    if (typeof fv !== 'object' || fv === null || Array.isArray(fv)) throw new ColumnInputError(`Invalid value for property '${facet}'.`);
    const f = fv as Record<string, unknown>;
    const curType = current?.type;
    switch (facet) {
      case 'text': {
        const multi = f.allowMultipleLines === undefined ? curType === 'Note' : f.allowMultipleLines === true;
        p.type = multi ? 'Note' : 'Text';
        if (typeof f.maxLength === 'number' && !multi) p.maxLength = f.maxLength;
        if (typeof f.linesForEditing === 'number' && multi && f.linesForEditing > 0) p.numLines = f.linesForEditing;
        if (typeof f.appendChangesToExistingText === 'boolean') p.appendOnly = f.appendChangesToExistingText;
        if (typeof f.textType === 'string') p.richText = f.textType === 'richText';
        break;
      }
      case 'choice': {
        const displayAs = typeof f.displayAs === 'string' ? f.displayAs : undefined;
        if (displayAs === 'checkBoxes') p.type = 'MultiChoice';
        else if (displayAs) {
          p.type = 'Choice';
          p.choiceFormat = displayAs === 'radioButtons' ? 'RadioButtons' : 'Dropdown';
        } else p.type = curType === 'MultiChoice' ? 'MultiChoice' : 'Choice';
        if (f.choices !== undefined) {
          if (!Array.isArray(f.choices) || f.choices.some((c) => typeof c !== 'string')) throw new ColumnInputError("Invalid value for property 'choices'.");
          p.choices = [...(f.choices as string[])];
        } else if (!current || (curType !== 'Choice' && curType !== 'MultiChoice')) p.choices = [];
        if (typeof f.allowTextEntry === 'boolean') p.fillInChoice = f.allowTextEntry;
        break;
      }
      case 'number': {
        p.type = 'Number';
        if (typeof f.maximum === 'number' && f.maximum < Number.MAX_VALUE) p.max = f.maximum;
        if (typeof f.minimum === 'number' && f.minimum > -Number.MAX_VALUE) p.min = f.minimum;
        if (typeof f.decimalPlaces === 'string') {
          const i = DECIMALS.indexOf(f.decimalPlaces);
          p.decimals = i;
        }
        if (typeof f.displayAs === 'string') p.percentage = f.displayAs === 'percentage';
        break;
      }
      case 'boolean':
        p.type = 'Boolean';
        break;
      case 'dateTime':
        p.type = 'DateTime';
        p.format = f.format === 'dateOnly' ? 'DateOnly' : f.format === 'dateTime' ? 'DateTime' : current?.format ?? 'DateTime';
        break;
      case 'personOrGroup':
        p.type = 'User';
        if (typeof f.allowMultipleSelection === 'boolean') p.mult = f.allowMultipleSelection;
        if (typeof f.chooseFromType === 'string') p.userSelectionMode = f.chooseFromType === 'peopleAndGroups' ? 'PeopleAndGroups' : 'PeopleOnly';
        else if (!current) p.userSelectionMode = 'PeopleOnly';
        break;
    }
  }
  return p;
}
