/** The pure rules of a tab: keyed by display name; a change of its app is a replace. */
import type { KindRules } from '../kind-rules.ts';
import { tabDeclaration } from './model.ts';

export const tabRules: KindRules<'tab'> = {
  kind: tabDeclaration.kind,
  api: 'Graph /teams/{id}/channels/{id}/tabs',
  identity: ['displayName'],
  parentKinds: tabDeclaration.parentKinds,
  createOnly: [],
  replaceReason(desired, observed) {
    if (observed.app !== undefined && observed.app !== desired.app) {
      return `a tab's app cannot change (${observed.app} -> ${desired.app}): the tab is removed and pinned again`;
    }
    return undefined;
  },
};
