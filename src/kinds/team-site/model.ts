/**
 * teamSite: a Microsoft 365 group (groupTypes Unified) and its group-connected SharePoint site
 * (`site[/sites/x]`, the address of src/kinds/site/model.ts). Its props and its declaration. A leaf.
 */
import { declareKind } from '../kind-declaration.ts';

/**
 * Desired props of a team site. Contract: a property that is `undefined` was not stated and is
 * neither compared nor written; `url` and `mailNickname` (the identity) are always present.
 */
export interface TeamSiteProps {
  /** Server-relative URL of the group's site, `/sites/<mailNickname>` on a real tenant. */
  url: string;
  mailNickname: string;
  /** The group's displayName; the site takes the same title. */
  title: string;
  description?: string;
  visibility?: 'Private' | 'Public';
  /** User principal names that must be owners of the group (others may be owners too). */
  owners?: string[];
}

/**
 * A team site is at the root (no parent kinds). Not prunable by its own name: `prune: [site]`
 * stands for both site kinds (src/observe/read-existing.ts), found through the ownership ledger.
 */
export const teamSiteDeclaration = declareKind<TeamSiteProps>()('teamSite', { prunable: false });
