/** The provider of each resource kind. A new kind is one provider file and one line here. */
import type { ResourceKind } from '../model/resources.ts';
import { columnProvider } from './column.ts';
import { commSiteProvider } from './comm-site.ts';
import { listProvider } from './list.ts';
import type { Provider } from './provider.ts';
import { teamSiteProvider } from './team-site.ts';
import { channelProvider } from './channel.ts';
import { tabProvider } from './tab.ts';
import { teamMemberProvider } from './team-member.ts';
import { teamProvider } from './team.ts';
import { contentTypeProvider } from './content-type.ts';
import { listContentTypeProvider } from './list-content-type.ts';
import { termGroupProvider } from './term-group.ts';
import { termSetProvider } from './term-set.ts';
import { termProvider } from './term.ts';
import { siteGroupProvider } from './site-group.ts';
import { roleDefinitionProvider } from './role-definition.ts';
import { permissionScopeProvider } from './permission-scope.ts';
import { roleAssignmentProvider } from './role-assignment.ts';
import { siteSharingProvider } from './site-sharing.ts';
import { viewProvider } from './view.ts';
import { navigationNodeProvider } from './navigation-node.ts';
import { hubSiteProvider } from './hub-site.ts';
import { hubAssociationProvider } from './hub-association.ts';
import { siteSettingsProvider } from './site-settings.ts';

export const providers: { [K in ResourceKind]: Provider<K> } = {
  teamSite: teamSiteProvider,
  commSite: commSiteProvider,
  list: listProvider,
  column: columnProvider,
  team: teamProvider,
  teamMember: teamMemberProvider,
  channel: channelProvider,
  tab: tabProvider,
  contentType: contentTypeProvider,
  listContentType: listContentTypeProvider,
  termGroup: termGroupProvider,
  termSet: termSetProvider,
  term: termProvider,
  siteGroup: siteGroupProvider,
  roleDefinition: roleDefinitionProvider,
  permissionScope: permissionScopeProvider,
  roleAssignment: roleAssignmentProvider,
  siteSharing: siteSharingProvider,
  view: viewProvider,
  navigationNode: navigationNodeProvider,
  hubSite: hubSiteProvider,
  hubAssociation: hubAssociationProvider,
  siteSettings: siteSettingsProvider,
};

export function providerOf<K extends ResourceKind>(kind: K): Provider<K> {
  return providers[kind];
}
