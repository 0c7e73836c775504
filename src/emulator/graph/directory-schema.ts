/**
 * The declared properties of the directory's entity types, as Graph v1.0's metadata lists them
 * (`shared/reference/graph-v1.0-entities.json`: microsoft.graph.group and microsoft.graph.user with
 * what they inherit from directoryObject and entity; microsoft.graph.organization, which that
 * extract leaves out, from the metadata it was extracted from, msgraph-metadata
 * clean_v10_metadata/cleanMetadata.xml at f54f11b6). A `$select`, `$filter` or `$expand` naming
 * anything else is refused as the service refuses it. Also the one value rule both group and user
 * writes apply: a mail nickname's characters.
 */

/** A mail nickname the directory takes (a group's or a user's): 1 to 64 of these characters. */
export const MAIL_NICKNAME = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]{1,64}$/;

/** A directory entity type the Graph face serves collections of. */
export interface DirectoryType {
  /** `microsoft.graph.group` */
  readonly name: string;
  /** the resource name in the service's filter errors: `Group`, `User` */
  readonly resource: string;
  /** structural properties, lower-cased */
  readonly properties: ReadonlySet<string>;
  /** navigation properties, lower-cased */
  readonly navigation: ReadonlySet<string>;
}

const lower = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));

export const GROUP_TYPE: DirectoryType = {
  name: 'microsoft.graph.group',
  resource: 'Group',
  properties: lower([
  'id', 'deletedDateTime', 'accessType', 'allowExternalSenders', 'assignedLabels', 'assignedLicenses', 'autoSubscribeNewMembers', 'classification',
  'createdDateTime', 'description', 'displayName', 'expirationDateTime', 'groupTypes', 'hasMembersWithLicenseErrors', 'hideFromAddressLists',
  'hideFromOutlookClients', 'infoCatalogs', 'isArchived', 'isAssignableToRole', 'isFavorite', 'isManagementRestricted', 'isSubscribedByMail',
  'licenseProcessingState', 'mail', 'mailEnabled', 'mailNickname', 'membershipRule', 'membershipRuleProcessingState', 'onPremisesDomainName',
  'onPremisesExtensionAttributes', 'onPremisesLastSyncDateTime', 'onPremisesNetBiosName', 'onPremisesProvisioningErrors', 'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'organizationId', 'preferredDataLocation', 'preferredLanguage', 'proxyAddresses',
  'renewedDateTime', 'resourceBehaviorOptions', 'resourceProvisioningOptions', 'securityEnabled', 'securityIdentifier', 'serviceProvisioningErrors',
  'theme', 'uniqueName', 'unseenConversationsCount', 'unseenCount', 'unseenMessagesCount', 'visibility', 'welcomeMessageEnabled',
  ]),
  navigation: lower([
  'acceptedSenders', 'appRoleAssignments', 'calendar', 'calendarView', 'conversations', 'createdOnBehalfOf', 'drive', 'drives', 'events',
  'extensions', 'groupLifecyclePolicies', 'memberOf', 'members', 'membersWithLicenseErrors', 'onenote', 'onPremisesSyncBehavior', 'owners',
  'permissionGrants', 'photo', 'photos', 'planner', 'rejectedSenders', 'settings', 'sites', 'team', 'threads', 'transitiveMemberOf',
  'transitiveMembers',
  ]),
};

export const USER_TYPE: DirectoryType = {
  name: 'microsoft.graph.user',
  resource: 'User',
  properties: lower([
  'id', 'deletedDateTime', 'aboutMe', 'accountEnabled', 'ageGroup', 'assignedLicenses', 'assignedPlans', 'authorizationInfo', 'birthday',
  'businessPhones', 'city', 'companyName', 'consentProvidedForMinor', 'country', 'createdDateTime', 'creationType', 'customSecurityAttributes',
  'department', 'deviceEnrollmentLimit', 'displayName', 'employeeHireDate', 'employeeId', 'employeeLeaveDateTime', 'employeeOrgData', 'employeeType',
  'externalUserState', 'externalUserStateChangeDateTime', 'faxNumber', 'givenName', 'hireDate', 'identities', 'identityParentId', 'imAddresses',
  'interests', 'isManagementRestricted', 'isResourceAccount', 'jobTitle', 'lastPasswordChangeDateTime', 'legalAgeGroupClassification',
  'licenseAssignmentStates', 'mail', 'mailboxSettings', 'mailNickname', 'mobilePhone', 'mySite', 'officeLocation', 'onPremisesDistinguishedName',
  'onPremisesDomainName', 'onPremisesExtensionAttributes', 'onPremisesImmutableId', 'onPremisesLastSyncDateTime', 'onPremisesProvisioningErrors',
  'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'onPremisesUserPrincipalName', 'otherMails',
  'passwordPolicies', 'passwordProfile', 'pastProjects', 'postalCode', 'preferredDataLocation', 'preferredLanguage', 'preferredName', 'print',
  'provisionedPlans', 'proxyAddresses', 'responsibilities', 'schools', 'securityIdentifier', 'serviceProvisioningErrors', 'showInAddressList',
  'signInActivity', 'signInSessionsValidFromDateTime', 'skills', 'state', 'streetAddress', 'surname', 'usageLocation', 'userPrincipalName',
  'userType',
  ]),
  navigation: lower([
  'activities', 'adhocCalls', 'agreementAcceptances', 'appRoleAssignments', 'authentication', 'calendar', 'calendarGroups', 'calendars',
  'calendarView', 'chats', 'cloudClipboard', 'cloudPCs', 'contactFolders', 'contacts', 'createdObjects', 'dataSecurityAndGovernance',
  'deviceManagementTroubleshootingEvents', 'directReports', 'drive', 'drives', 'employeeExperience', 'events', 'extensions', 'followedSites',
  'inferenceClassification', 'insights', 'joinedTeams', 'licenseDetails', 'mailFolders', 'managedAppRegistrations', 'managedDevices', 'manager',
  'memberOf', 'messages', 'oauth2PermissionGrants', 'onenote', 'onlineMeetings', 'onPremisesSyncBehavior', 'outlook', 'ownedDevices', 'ownedObjects',
  'people', 'permissionGrants', 'photo', 'photos', 'planner', 'presence', 'registeredDevices', 'scopedRoleMemberOf', 'settings', 'solutions',
  'sponsorOf', 'sponsors', 'teamwork', 'todo', 'transitiveMemberOf',
  ]),
};

/**
 * `GET /organization`: microsoft.graph.organization with what it inherits from directoryObject and
 * entity (msgraph-metadata cleanMetadata.xml at f54f11b6, the commit the reference extract names;
 * the extract itself does not hold this type).
 */
export const ORGANIZATION_TYPE: DirectoryType = {
  name: 'microsoft.graph.organization',
  resource: 'Organization',
  properties: lower([
  'id', 'deletedDateTime', 'assignedPlans', 'businessPhones', 'city', 'country', 'countryLetterCode', 'createdDateTime', 'defaultUsageLocation',
  'displayName', 'marketingNotificationEmails', 'mobileDeviceManagementAuthority', 'onPremisesLastSyncDateTime', 'onPremisesSyncEnabled',
  'partnerTenantType', 'postalCode', 'preferredLanguage', 'privacyProfile', 'provisionedPlans', 'securityComplianceNotificationMails',
  'securityComplianceNotificationPhones', 'state', 'street', 'technicalNotificationMails', 'tenantType', 'verifiedDomains',
  ]),
  navigation: lower(['branding', 'certificateBasedAuthConfiguration', 'extensions']),
};
