/**
 * Expansion of a site's `sharing:` into its `siteSharing` resource (`site[…]/sharing`). Run by
 * the permissions expansion (src/kinds/permissions/expand.ts), after the site's permission
 * resources.
 */
import type { Path } from '../../blueprint-core/source.ts';
import type { RawSite } from '../../blueprint-core/schema-types.generated.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { siteSharingAddress } from './model.ts';

/** What the sharing expansion needs of its caller (the permissions expansion's context has it). */
export type SharingExpandContext = Pick<KindExpandContext, 'span' | 'push'> & {
  /** Registers an address (reports a duplicate); false when it is taken. */
  claim(address: string, what: string, path: Path): boolean;
};

/** A site's `sharing:`. */
export function expandSharing(x: SharingExpandContext, s: RawSite, sitePath: Path, site: string): void {
  if (!s.sharing) return;
  const p = [...sitePath, 'sharing'];
  const address = siteSharingAddress(site);
  if (x.claim(address, `sharing of ${site}`, p)) {
    x.push({ kind: 'siteSharing', address, parent: site, props: { capability: s.sharing.capability }, source: x.span(p) });
  }
}
