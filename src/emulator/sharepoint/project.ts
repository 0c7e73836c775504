/**
 * SharePoint REST entity shapes (SP.Web, SP.Site, SP.List, SP.Field*, SP.Folder) of the canonical records.
 * An SpEntity carries its OData identity so the formatter can render any metadata level.
 */
import type { Store } from '../store.ts';
import { isLibraryTemplate } from '../store.ts';
import type { FieldRec, ListRec, SiteRec } from '../types.ts';
import { renderSchemaXml, typeAsString } from './schema-xml.ts';

export interface SpEntity {
  type: string;
  /** absolute odata.id / __metadata.uri */
  id: string;
  /** odata.editLink, relative to _api */
  editLink: string;
  etag?: string;
  props: Record<string, unknown>;
  /** navigation properties that $expand can inline */
  navs?: Record<string, () => SpEntity | SpEntity[]>;
  /** navigation properties the entity's type has but this entity lacks (a group without an owner): `$expand` may name them */
  absentNavs?: readonly string[];
}

export function webAbs(store: Store, site: SiteRec): string {
  return store.absoluteUrl(site.url === '/' ? '' : site.url);
}

export function apiBase(store: Store, site: SiteRec): string {
  return `${webAbs(store, site)}/_api`;
}

export function webEntity(store: Store, site: SiteRec): SpEntity {
  const ts = site.modified;
  return {
    type: 'SP.Web',
    id: `${apiBase(store, site)}/Web`,
    editLink: 'Web',
    props: {
      AllowRssFeeds: true,
      AlternateCssUrl: '',
      AppInstanceId: '00000000-0000-0000-0000-000000000000',
      ClassicWelcomePage: null,
      Configuration: site.configuration,
      Created: site.created,
      CurrentChangeToken: { StringValue: `1;2;${site.webId};${Date.parse(ts)};1` },
      CustomMasterUrl: `${site.url === '/' ? '' : site.url}/_catalogs/masterpage/seattle.master`,
      Description: site.description,
      DesignPackageId: '00000000-0000-0000-0000-000000000000',
      DocumentLibraryCalloutOfficeWebAppPreviewersDisabled: false,
      EnableMinimalDownload: false,
      FooterEmphasis: 0,
      FooterEnabled: site.webTemplate === 'SITEPAGEPUBLISHING',
      FooterLayout: 0,
      HeaderEmphasis: 0,
      HeaderLayout: 0,
      HideTitleInHeader: false,
      HasUniqueRoleAssignments: true,
      HorizontalQuickLaunch: site.webTemplate === 'SITEPAGEPUBLISHING',
      Id: site.webId,
      IsHomepageModernized: false,
      IsMultilingual: true,
      IsRevertHomepageLinkHidden: false,
      Language: site.lcid,
      LastItemModifiedDate: ts,
      LastItemUserModifiedDate: ts,
      LogoAlignment: 0,
      MasterUrl: `${site.url === '/' ? '' : site.url}/_catalogs/masterpage/seattle.master`,
      MegaMenuEnabled: site.webTemplate === 'SITEPAGEPUBLISHING',
      NavAudienceTargetingEnabled: false,
      NoCrawl: false,
      ObjectCacheEnabled: false,
      OverwriteTranslationsOnChange: false,
      ResourcePath: { DecodedUrl: webAbs(store, site) },
      QuickLaunchEnabled: site.webTemplate !== 'SITEPAGEPUBLISHING',
      RecycleBinEnabled: true,
      SearchScope: 0,
      ServerRelativeUrl: site.url,
      SiteLogoUrl: store.ia.web(site.id)?.siteLogoUrl ?? null,
      SyndicationEnabled: true,
      TenantAdminMembersCanShare: 0,
      Title: site.title,
      TreeViewEnabled: false,
      UIVersion: 15,
      UIVersionConfigurationEnabled: false,
      Url: webAbs(store, site),
      WebTemplate: site.webTemplate,
      WelcomePage: 'SitePages/Home.aspx',
    },
  };
}

export function siteEntity(store: Store, site: SiteRec): SpEntity {
  return {
    type: 'SP.Site',
    id: `${apiBase(store, site)}/Site`,
    editLink: 'Site',
    props: {
      AllowCreateDeclarativeWorkflow: false,
      AllowDesigner: true,
      Classification: '',
      Id: site.id,
      GroupId: site.groupId ?? '00000000-0000-0000-0000-000000000000',
      HubSiteId: store.ia.web(site.id)?.hubSiteId ?? '00000000-0000-0000-0000-000000000000',
      IsHubSite: !!store.ia.web(site.id)?.hub,
      PrimaryUri: `https://${store.spHost}/`,
      ReadOnly: false,
      RelatedGroupId: site.groupId ?? '00000000-0000-0000-0000-000000000000',
      ServerRelativeUrl: site.url,
      ShareByEmailEnabled: site.shareByEmailEnabled,
      StatusBarText: null,
      Url: webAbs(store, site),
    },
    navs: { RootWeb: () => webEntity(store, site) },
  };
}

function xmlName(s: string): string {
  let out = '';
  for (const ch of s) out += /[A-Za-z0-9_]/.test(ch) ? ch : `_x${ch.codePointAt(0)!.toString(16).padStart(4, '0')}_`;
  return out;
}

export function listServerRelativeUrl(site: SiteRec, l: ListRec): string {
  return `${site.url === '/' ? '' : site.url}/${l.url}`;
}

export function listEntity(store: Store, site: SiteRec, l: ListRec): SpEntity {
  const lib = isLibraryTemplate(l.baseTemplate);
  const seg = l.url.split('/').pop()!;
  const entityTypeName = lib ? xmlName(seg) : `${xmlName(seg)}List`;
  const listUri = `${apiBase(store, site)}/Web/Lists(guid'${l.id}')`;
  return {
    type: 'SP.List',
    id: listUri,
    editLink: `Web/Lists(guid'${l.id}')`,
    etag: '"1"',
    props: {
      AllowContentTypes: l.allowContentTypes,
      BaseTemplate: l.baseTemplate,
      BaseType: lib ? 1 : 0,
      ContentTypesEnabled: l.contentTypesEnabled,
      CrawlNonDefaultViews: false,
      Created: l.created,
      CurrentChangeToken: { StringValue: `1;3;${l.id};${Date.parse(l.modified)};1` },
      DefaultContentApprovalWorkflowId: '00000000-0000-0000-0000-000000000000',
      DefaultItemOpenUseListSetting: false,
      Description: l.description,
      Direction: 'none',
      DisableGridEditing: false,
      DocumentTemplateUrl: lib ? `${listServerRelativeUrl(site, l)}/Forms/template.dotx` : null,
      DraftVersionVisibility: 0,
      EnableAttachments: !lib,
      EnableFolderCreation: lib,
      EnableMinorVersions: false,
      EnableModeration: false,
      EnableRequestSignOff: true,
      EnableVersioning: lib,
      EntityTypeName: entityTypeName,
      ExemptFromBlockDownloadOfNonViewableFiles: false,
      FileSavePostProcessingEnabled: false,
      ForceCheckout: false,
      HasExternalDataSource: false,
      Hidden: l.hidden,
      HasUniqueRoleAssignments: store.sec.of(site).lists[l.id] !== undefined,
      Id: l.id,
      ImagePath: { DecodedUrl: lib ? '/_layouts/15/images/itdl.png?rev=47' : '/_layouts/15/images/itgen.png?rev=47' },
      ImageUrl: lib ? '/_layouts/15/images/itdl.png?rev=47' : '/_layouts/15/images/itgen.png?rev=47',
      IrmEnabled: false,
      IrmExpire: false,
      IrmReject: false,
      IsApplicationList: false,
      IsCatalog: false,
      IsPrivate: false,
      ItemCount: store.itemCount(l.id),
      LastItemDeletedDate: l.created,
      LastItemModifiedDate: l.modified,
      LastItemUserModifiedDate: l.modified,
      ListExperienceOptions: 0,
      ListItemEntityTypeFullName: `SP.Data.${entityTypeName}Item`,
      MajorVersionLimit: lib ? 500 : 50,
      MajorWithMinorVersionsLimit: 0,
      MultipleDataList: false,
      NoCrawl: false,
      ParentWebPath: { DecodedUrl: site.url },
      ParentWebUrl: site.url,
      ParserDisabled: false,
      ServerTemplateCanCreateFolders: true,
      TemplateFeatureId: lib ? '00bfea71-e717-4e80-aa17-d0c71b360101' : '00bfea71-de22-43b2-a848-c05709900100',
      Title: l.title,
    },
    navs: {
      RootFolder: () => folderEntity(store, site, l),
      Fields: () => [...store.fieldsOf(l.id)].map((f) => fieldEntity(store, site, f)),
      ParentWeb: () => webEntity(store, site),
    },
  };
}

export function folderEntity(store: Store, site: SiteRec, l: ListRec): SpEntity {
  const sru = listServerRelativeUrl(site, l);
  const uri = `${apiBase(store, site)}/Web/GetFolderByServerRelativePath(decodedurl='${sru.replace(/'/g, "''")}')`;
  return {
    type: 'SP.Folder',
    id: uri,
    editLink: `Web/GetFolderByServerRelativePath(decodedurl='${sru.replace(/'/g, "''")}')`,
    props: {
      Exists: true,
      IsWOPIEnabled: false,
      ItemCount: store.itemCount(l.id),
      Name: l.url.split('/').pop()!,
      ProgID: null,
      ServerRelativeUrl: sru,
      TimeCreated: l.created,
      TimeLastModified: l.modified,
      UniqueId: l.id,
      WelcomePage: '',
    },
  };
}

const KIND: Record<string, number> = {
  Integer: 1,
  Text: 2,
  Note: 3,
  DateTime: 4,
  Counter: 5,
  Choice: 6,
  Lookup: 7,
  Boolean: 8,
  Number: 9,
  Currency: 10,
  URL: 11,
  Computed: 12,
  Guid: 14,
  MultiChoice: 15,
  File: 18,
  Attachments: 19,
  User: 20,
  ModStat: 22,
  ContentTypeId: 25,
};

const SP_TYPE: Record<string, string> = {
  Text: 'SP.FieldText',
  Note: 'SP.FieldMultiLineText',
  Choice: 'SP.FieldChoice',
  MultiChoice: 'SP.FieldMultiChoice',
  Number: 'SP.FieldNumber',
  DateTime: 'SP.FieldDateTime',
  User: 'SP.FieldUser',
  Currency: 'SP.FieldCurrency',
  URL: 'SP.FieldUrl',
  Lookup: 'SP.FieldLookup',
  Computed: 'SP.FieldComputed',
  Counter: 'SP.Field',
  Boolean: 'SP.Field',
};

const TYPE_DISPLAY: Record<string, string> = {
  Text: 'Single line of text',
  Note: 'Multiple lines of text',
  Choice: 'Choice',
  MultiChoice: 'Choice',
  Number: 'Number',
  DateTime: 'Date and Time',
  User: 'Person or Group',
  Boolean: 'Yes/No',
};

export function fieldKind(type: string): number {
  return KIND[type] ?? 0;
}

export function fieldTypeFromKind(kind: number): string | undefined {
  for (const [k, v] of Object.entries(KIND)) if (v === kind) return k;
  return undefined;
}

export function fieldEntity(store: Store, site: SiteRec, f: FieldRec): SpEntity {
  const base = apiBase(store, site);
  const rel = f.listId ? `Web/Lists(guid'${f.listId}')/Fields(guid'${f.id}')` : `Web/Fields(guid'${f.id}')`;
  const props: Record<string, unknown> = {
    AutoIndexed: false,
    CanBeDeleted: !f.sealed,
    ClientSideComponentId: '00000000-0000-0000-0000-000000000000',
    ClientSideComponentProperties: null,
    ClientValidationFormula: null,
    ClientValidationMessage: null,
    CustomFormatter: null,
    DefaultFormula: null,
    DefaultValue: f.defaultValue,
    Description: f.description,
    Direction: 'none',
    EnforceUniqueValues: f.enforceUnique,
    EntityPropertyName: f.internalName,
    Filterable: true,
    FromBaseType: !!f.builtin,
    Group: f.group,
    Hidden: f.hidden,
    Id: f.id,
    Indexed: f.indexed,
    IndexStatus: 0,
    InternalName: f.internalName,
    IsModern: false,
    JSLink: null,
    PinnedToFiltersPane: false,
    ReadOnlyField: f.readOnly,
    Required: f.required,
    SchemaXml: renderSchemaXml(f, site.webId),
    Scope: f.listId ? `${site.url === '/' ? '' : site.url}/${store.getList(f.listId)?.url ?? ''}` : site.url,
    Sealed: !!f.sealed,
    ShowInFiltersPane: 0,
    Sortable: f.type !== 'MultiChoice' && f.type !== 'Note',
    StaticName: f.staticName,
    Title: f.title,
    FieldTypeKind: fieldKind(f.type),
    TypeAsString: typeAsString(f),
    TypeDisplayName: TYPE_DISPLAY[f.type] ?? f.type,
    TypeShortDescription: TYPE_DISPLAY[f.type] ?? f.type,
    ValidationFormula: null,
    ValidationMessage: null,
  };
  switch (f.type) {
    case 'Text':
      props.MaxLength = f.maxLength ?? 255;
      break;
    case 'Note':
      Object.assign(props, {
        AllowHyperlink: false,
        AppendOnly: !!f.appendOnly,
        IsLongHyperlink: false,
        NumberOfLines: f.numLines ?? 6,
        RestrictedMode: !f.richText,
        RichText: !!f.richText,
        UnlimitedLengthInDocumentLibrary: false,
      });
      break;
    case 'Choice':
    case 'MultiChoice':
      Object.assign(props, {
        Choices: f.choices ?? [],
        FillInChoice: !!f.fillInChoice,
        Mappings: null,
        EditFormat: f.choiceFormat === 'RadioButtons' ? 1 : 0,
      });
      if (f.type === 'MultiChoice') delete props.EditFormat;
      break;
    case 'Number':
      Object.assign(props, {
        CommaSeparator: true,
        CustomUnitName: null,
        CustomUnitOnRight: false,
        DisplayFormat: f.decimals === undefined ? -1 : f.decimals,
        MaximumValue: f.max ?? Number.MAX_VALUE,
        MinimumValue: f.min ?? -Number.MAX_VALUE,
        ShowAsPercentage: !!f.percentage,
        Unit: 'None',
      });
      break;
    case 'DateTime':
      Object.assign(props, { DateTimeCalendarType: 0, DateFormat: null, DisplayFormat: f.format === 'DateOnly' ? 0 : 1, FriendlyDisplayFormat: 0, TimeFormat: null });
      break;
    case 'TaxonomyFieldType':
      Object.assign(props, {
        AllowMultipleValues: !!f.mult,
        SspId: f.taxonomy?.sspId ?? null,
        TermSetId: f.taxonomy?.termSetId ?? null,
        TextField: f.taxonomy?.textField ?? null,
        AnchorId: f.taxonomy?.anchorId ?? '00000000-0000-0000-0000-000000000000',
        IsPathRendered: false,
      });
      break;
    case 'User':
      Object.assign(props, {
        AllowDisplay: true,
        AllowMultipleValues: !!f.mult,
        DependentLookupInternalNames: [],
        IsDependentLookup: false,
        IsRelationship: false,
        LookupField: 'ImnName',
        LookupList: '{00000000-0000-0000-0000-000000000000}',
        LookupWebId: site.webId,
        Presence: true,
        PrimaryFieldId: null,
        RelationshipDeleteBehavior: 0,
        SelectionGroup: 0,
        SelectionMode: f.userSelectionMode === 'PeopleAndGroups' ? 1 : 0,
        UnlimitedLengthInDocumentLibrary: false,
      });
      break;
  }
  return { type: SP_TYPE[f.type] ?? 'SP.Field', id: `${base}/${rel}`, editLink: rel, props };
}
