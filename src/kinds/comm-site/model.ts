/**
 * commSite: a communication site (`site[/sites/x]`, the address of src/kinds/site/model.ts).
 * Its props and its declaration. A leaf.
 */
import { declareKind } from '../kind-declaration.ts';

/**
 * Desired props of a communication site. Contract: a property that is `undefined` was not
 * stated and is neither compared nor written; `url` (the identity) is always present.
 */
export interface CommSiteProps {
  /** Server-relative URL, e.g. `/sites/samhallsbyggnad`. */
  url: string;
  title: string;
  description?: string;
  /** Locale id of the site's language, e.g. 1053 for Swedish: set at creation, compared after (never written: it cannot change). */
  lcid?: number;
  /** UPN of the site owner, used at creation. */
  owner?: string;
}

/**
 * A communication site is at the root (no parent kinds). Not prunable by its own name:
 * `prune: [site]` stands for both site kinds, found through the ownership ledger.
 */
export const commSiteDeclaration = declareKind<CommSiteProps>()('commSite', { prunable: false });
