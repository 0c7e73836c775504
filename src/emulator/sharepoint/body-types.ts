/**
 * The SharePoint REST entity types a write's JSON body may be, with the property names each
 * declares (body-check.ts checks a body against them). Sources, union of: the scalar properties
 * of Microsoft's REST reference representations (../shared/reference/sharepoint-rest-notes.md:
 * R-WEBS, R-LISTS, R-FIELDS, R-USERS, the hub and navigation notes), PnPjs 4's `I…Info`
 * typings (`@pnp/sp`: PnP's own lists of the types' properties) and the properties CLI for
 * Microsoft 365 writes (`spo web set`, `spo list set`, `spo site set`, `spo group add`). A type's
 * navigation properties are not here (a body cannot set them). A name missing from a list is
 * refused locally though the service may accept it: add it here, from one of those sources,
 * when the engine needs it.
 */

/** An entity type: its name as the service spells it, its declared properties, and its base type's. */
export interface SpEntityType {
  name: string;
  properties: ReadonlySet<string>;
  /** Properties whose value is an object (or an array of objects) of a complex type, checked as that type. */
  complex?: Readonly<Record<string, SpEntityType>>;
}

const types = new Map<string, SpEntityType>();

function declare(name: string, props: string, base?: string, complex?: Record<string, SpEntityType>): SpEntityType {
  const own = props.split(/\s+/).filter(Boolean);
  const inherited = base ? [...types.get(base.toLowerCase())!.properties] : [];
  const t: SpEntityType = { name, properties: new Set([...inherited, ...own]), ...(complex ? { complex } : {}) };
  types.set(name.toLowerCase(), t);
  return t;
}

/** The type a name (`SP.FieldText`, from a body's `__metadata.type` or `@odata.type`) denotes, if the table has it. */
export function spEntityType(name: string): SpEntityType | undefined {
  return types.get(name.replace(/^#/, '').toLowerCase());
}

/** Whether `t` is `base` or derives from it (`SP.FieldText` from `SP.Field`): a body may name a derived type. */
export function derivesFrom(t: SpEntityType, base: SpEntityType): boolean {
  return t === base || (FAMILY.get(t.name) ?? []).includes(base.name);
}

const FAMILY = new Map<string, string[]>();

function derived(name: string, props: string, base: string): SpEntityType {
  const t = declare(name, props, base);
  FAMILY.set(name, [base, ...(FAMILY.get(base) ?? [])]);
  return t;
}

export const SP_WEB = declare(
  'SP.Web',
  `AllowRssFeeds AlternateCssUrl AppInstanceId ClassicWelcomePage CommentsOnSitePagesDisabled Configuration Created
   CurrentChangeToken CustomMasterUrl Description DesignPackageId DisableAppViews DisableFlows
   DocumentLibraryCalloutOfficeWebAppPreviewersDisabled EnableMinimalDownload ExcludeFromOfflineClient FooterEmphasis
   FooterEnabled FooterLayout HeaderEmphasis HeaderLayout HideTitleInHeader HorizontalQuickLaunch Id
   IsHomepageModernized IsMultilingual IsRevertHomepageLinkHidden Language LastItemModifiedDate
   LastItemUserModifiedDate LogoAlignment MasterUrl MegaMenuEnabled MembersCanShare NavAudienceTargetingEnabled
   NoCrawl ObjectCacheEnabled OverwriteTranslationsOnChange QuickLaunchEnabled RecycleBinEnabled RequestAccessEmail
   ResourcePath SearchBoxInNavBar SearchScope ServerRelativeUrl SiteLogoDescription SiteLogoUrl SyndicationEnabled
   TenantAdminMembersCanShare Title TreeViewEnabled UIVersion UIVersionConfigurationEnabled Url WebTemplate WelcomePage`,
);

export const SP_LIST = declare(
  'SP.List',
  `AllowContentTypes AllowDeletion BaseTemplate BaseType BrowserFileHandling ContentTypesEnabled CrawlNonDefaultViews
   Created CurrentChangeToken DataSource DefaultContentApprovalWorkflowId DefaultDisplayFormUrl DefaultEditFormUrl
   DefaultNewFormUrl DefaultViewPath DefaultViewUrl Description Direction DisableCommenting DisableGridEditing
   DocumentTemplateUrl DraftVersionVisibility EnableAssignToEmail EnableAttachments EnableFolderCreation
   EnableMinorVersions EnableModeration EnableRequestSignOff EnableVersioning EntityTypeName ExcludeFromOfflineClient
   ExemptFromBlockDownloadOfNonViewableFiles FileSavePostProcessingEnabled ForceCheckout HasExternalDataSource Hidden
   Id ImagePath ImageUrl IrmEnabled IrmExpire IrmReject IsApplicationList IsCatalog IsPrivate IsSiteAssetsLibrary
   IsSystemList ItemCount LastItemDeletedDate LastItemModifiedDate LastItemUserModifiedDate ListExperienceOptions
   ListItemEntityTypeFullName MajorVersionLimit MajorWithMinorVersionsLimit MultipleDataList NoCrawl OnQuickLaunch
   ParentWebPath ParentWebUrl ParserDisabled ReadSecurity SchemaXml ServerTemplateCanCreateFolders TemplateFeatureId
   Title ValidationFormula ValidationMessage WriteSecurity`,
);

/** `lists/add`'s `parameters` (CSOM ListCreationInformation). */
export const SP_LIST_CREATION_INFORMATION = declare(
  'SP.ListCreationInformation',
  'Title Url TemplateType Description QuickLaunchOption TemplateFeatureId DocumentTemplateType CustomSchemaXml DataSourceProperties',
);

export const SP_FIELD = declare(
  'SP.Field',
  `AutoIndexed CanBeDeleted ClientSideComponentId ClientSideComponentProperties ClientValidationFormula
   ClientValidationMessage CustomFormatter DefaultFormula DefaultValue Description Direction EnforceUniqueValues
   EntityPropertyName FieldTypeKind Filterable FromBaseType Group Hidden Id Indexed IndexStatus InternalName JSLink
   NoCrawl PinnedToFiltersPane ReadOnlyField Required SchemaXml Scope Sealed ShowInFiltersPane Sortable StaticName
   Title TypeAsString TypeDisplayName TypeShortDescription ValidationFormula ValidationMessage`,
);
derived('SP.FieldText', 'MaxLength', 'SP.Field');
derived('SP.FieldMultiLineText', 'AllowHyperlink AppendOnly IsLongHyperlink NumberOfLines RestrictedMode RichText UnlimitedLengthInDocumentLibrary WikiLinking', 'SP.Field');
derived('SP.FieldNumber', 'CommaSeparator CustomUnitName CustomUnitOnRight DecimalPlaces DisplayFormat MaximumValue MinimumValue ShowAsPercentage Unit', 'SP.Field');
derived('SP.FieldCurrency', 'CurrencyLocaleId', 'SP.FieldNumber');
derived('SP.FieldDateTime', 'DateTimeCalendarType DateFormat DisplayFormat FriendlyDisplayFormat TimeFormat', 'SP.Field');
derived('SP.FieldMultiChoice', 'Choices FillInChoice Mappings', 'SP.Field');
derived('SP.FieldChoice', 'EditFormat', 'SP.FieldMultiChoice');
derived('SP.FieldRatingScale', 'GridEndNumber GridNAOptionText GridStartNumber GridTextRangeAverage GridTextRangeHigh GridTextRangeLow RangeCount', 'SP.FieldMultiChoice');
derived('SP.FieldLookup', 'AllowMultipleValues DependentLookupInternalNames IsDependentLookup IsRelationship LookupField LookupList LookupWebId PrimaryFieldId RelationshipDeleteBehavior UnlimitedLengthInDocumentLibrary', 'SP.Field');
derived('SP.FieldUser', 'AllowDisplay Presence SelectionGroup SelectionMode UserDisplayOptions', 'SP.FieldLookup');
derived('SP.FieldUrl', 'DisplayFormat', 'SP.Field');
derived('SP.FieldCalculated', 'DateFormat Formula OutputType', 'SP.Field');
derived('SP.FieldComputed', 'EnableLookup', 'SP.Field');
derived('SP.FieldGuid', '', 'SP.Field');
derived('SP.FieldGeolocation', '', 'SP.Field');
derived('SP.FieldLocation', '', 'SP.Field');
derived('SP.FieldThumbnail', '', 'SP.Field');
derived('SP.Taxonomy.TaxonomyField', 'AnchorId CreateValuesInEditForm IsAnchorValid IsKeyword IsPathRendered IsTermSetValid Open SspId TargetTemplate TermSetId TextField UserCreated', 'SP.FieldLookup');

/** `fields/CreateFieldAsXml`'s `parameters`. */
export const SP_XML_SCHEMA_FIELD_CREATION_INFORMATION = declare('SP.XmlSchemaFieldCreationInformation', 'Options SchemaXml');

/** `fields/AddField`'s `parameters`. */
export const SP_FIELD_CREATION_INFORMATION = declare(
  'SP.FieldCreationInformation',
  'Choices FieldTypeKind IsCompoundField LookupFieldName LookupListId LookupWebId Required Title',
);

/** A content type's id as SharePoint REST writes it (`{ StringValue: '0x0101…' }`). */
export const SP_CONTENT_TYPE_ID = declare('SP.ContentTypeId', 'StringValue');

/** A permission level's rights: two 32-bit halves of the mask, as strings or numbers. */
export const SP_BASE_PERMISSIONS = declare('SP.BasePermissions', 'High Low');

export const SP_CONTENT_TYPE = declare(
  'SP.ContentType',
  `ClientFormCustomFormatter Description DisplayFormClientSideComponentId DisplayFormClientSideComponentProperties
   DisplayFormTemplateName DisplayFormUrl DocumentTemplate DocumentTemplateUrl EditFormClientSideComponentId
   EditFormClientSideComponentProperties EditFormTemplateName EditFormUrl Group Hidden Id JSLink MobileDisplayFormUrl
   MobileEditFormUrl MobileNewFormUrl Name NewFormClientSideComponentId NewFormClientSideComponentProperties
   NewFormTemplateName NewFormUrl ReadOnly SchemaXml Scope Sealed StringId`,
  undefined,
  { Id: SP_CONTENT_TYPE_ID },
);

export const SP_FIELD_LINK = declare('SP.FieldLink', 'DisplayName FieldInternalName Hidden Id Name ReadOnly Required ShowInDisplayForm');

/** A folder (a list's root folder carries its content type order). */
export const SP_FOLDER = declare(
  'SP.Folder',
  'ContentTypeOrder Exists IsWOPIEnabled ItemCount Name ProgID ServerRelativeUrl TimeCreated TimeLastModified UniqueContentTypeOrder UniqueId WelcomePage',
  undefined,
  { ContentTypeOrder: SP_CONTENT_TYPE_ID, UniqueContentTypeOrder: SP_CONTENT_TYPE_ID },
);

export const SP_GROUP = declare(
  'SP.Group',
  `AllowMembersEditMembership AllowRequestToJoinLeave AutoAcceptRequestToJoinLeave Description Id IsHiddenInUI LoginName
   OnlyAllowMembersViewMembership OwnerTitle PrincipalType RequestToJoinLeaveEmailSetting Title`,
);

export const SP_USER = declare(
  'SP.User',
  'Email Expiration Id IsEmailAuthenticationGuestUser IsHiddenInUI IsShareByEmailGuestUser IsSiteAdmin LoginName PrincipalType Title UserId UserPrincipalName',
);

export const SP_ROLE_DEFINITION = declare('SP.RoleDefinition', 'BasePermissions Description Hidden Id Name Order RoleTypeKind', undefined, { BasePermissions: SP_BASE_PERMISSIONS });

export const SP_NAVIGATION_NODE = declare('SP.NavigationNode', 'AudienceIds CurrentLCID Id IsDocLib IsExternal IsVisible ListTemplateType Title Url');

export const SP_VIEW = declare(
  'SP.View',
  `Aggregations AggregationsStatus AssociatedContentTypeId BaseViewId CalendarViewStyles ColumnWidth ContentTypeId
   CustomFormatter DefaultView DefaultViewForContentType EditorModified Formats GridLayout Hidden HtmlSchemaXml Id
   ImageUrl IncludeRootFolder JSLink ListViewXml Method MobileDefaultView MobileView ModerationType
   NewDocumentTemplates OrderedView Paged PersonalView ReadOnlyView RequiresClientIntegration RowLimit Scope
   ServerRelativePath ServerRelativeUrl StyleId TabularView Threaded Title Toolbar ToolbarTemplateName ViewData
   ViewJoins ViewProjectedFields ViewQuery ViewType ViewType2 VisualizationInfo`,
);

/** `views/add`'s `parameters` (CSOM ViewCreationInformation). */
export const SP_VIEW_CREATION_INFORMATION = declare(
  'SP.ViewCreationInformation',
  'AssociatedContentTypeId BaseViewId CalendarViewStyles Paged PersonalView Query RowLimit SetAsDefaultView Title ViewData ViewFields ViewType2 ViewTypeKind',
);

export const SP_HUB_SITE = declare(
  'SP.HubSite',
  `Description EnablePermissionsSync EnforcedECTs EnforcedECTsVersion HideNameInNavigation ID LogoUrl ParentHubSiteId
   PermissionsSyncTag RequiresJoinApproval SiteDesignId SiteId SiteUrl Targets TenantInstanceId Title`,
);

/** `SPSiteManager/create`'s `request`. */
export const SP_SITE_CREATION_REQUEST = declare(
  'SP.Publishing.SPSiteCreationRequest',
  'Classification Description HubSiteId Lcid Owner SensitivityLabel ShareByEmailEnabled SiteDesignId TimeZoneId Title Url WebTemplate WebTemplateExtensionId',
);

/** A site collection's properties on the tenant admin host (`SPO.Tenant/sites('id')`). */
export const SP_TENANT_SITE_PROPERTIES = declare(
  'Microsoft.Online.SharePoint.TenantAdministration.SiteProperties',
  `AllowDownloadingNonWebViewableFiles AllowEditing AllowSelfServiceUpgrade AnonymousLinkExpirationInDays
   BlockDownloadLinksFileType CommentsOnSitePagesDisabled CompatibilityLevel ConditionalAccessPolicy
   DefaultLinkPermission DefaultLinkToExistingAccess DefaultSharingLinkType DenyAddAndCustomizePages Description
   DisableAppViews DisableCompanyWideSharingLinks DisableFlows ExternalUserExpirationInDays GroupId HubSiteId IsHubSite
   LimitedAccessFileType LockIssue LockState OverrideTenantAnonymousLinkExpirationPolicy
   OverrideTenantExternalUserExpirationPolicy Owner OwnerEmail OwnerLoginName OwnerName PWAEnabled RelatedGroupId
   RestrictedToRegion SandboxedCodeActivationCapability SensitivityLabel SensitivityLabel2
   SetOwnerWithoutUpdatingSecondaryAdmin SharingAllowedDomainList SharingBlockedDomainList SharingCapability
   SharingDomainRestrictionMode ShowPeoplePickerSuggestionsForGuestUsers SiteDefinedSharingCapability SiteId
   SocialBarOnSitePagesDisabled Status StorageMaximumLevel StorageQuotaType StorageUsage StorageWarningLevel Template
   TimeZoneId Title Url UserCodeMaximumLevel UserCodeWarningLevel WebsCount`,
);

