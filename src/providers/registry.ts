/** The provider of each resource kind. A new kind is one provider file and one line here. */
import type { ResourceKind } from '../model/resources.ts';
import { columnProvider } from './column.ts';
import { commSiteProvider } from './comm-site.ts';
import { listProvider } from './list.ts';
import type { Provider } from './provider.ts';
import { teamSiteProvider } from './team-site.ts';

export const providers: { [K in ResourceKind]: Provider<K> } = {
  teamSite: teamSiteProvider,
  commSite: commSiteProvider,
  list: listProvider,
  column: columnProvider,
};

export function providerOf<K extends ResourceKind>(kind: K): Provider<K> {
  return providers[kind];
}
