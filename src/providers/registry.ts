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
};

export function providerOf<K extends ResourceKind>(kind: K): Provider<K> {
  return providers[kind];
}
