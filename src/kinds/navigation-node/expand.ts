/**
 * Expansion of a site's `navigation:` (quick launch, top navigation bar) and its hub's
 * `navigation:` (the hub site's top navigation bar) into `navigationNode` resources: a node's
 * parent is the site (top level) or its parent node; each node comes after its previous sibling
 * (`after`), and carries the titles of its declared siblings to put them in order. The hub
 * navigation and `navigation.topNavigation` on one site is BP563; a link that is neither
 * server-relative nor absolute http(s) is BP567.
 */
import type { RowContext } from '../../blueprint-core/report.ts';
import type { RawNavNode } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext, SiteExpansion } from '../kind-spec.ts';
import { navigationAddress, navigationNodeAddress, type NavigationNodeProps } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';


/** A site's navigation nodes (and its hub's), after the site and everything in it was expanded. */
export const expandNavigation: SiteExpansion = (x, s, path, site, row) => {
  const o = (address: string, extra: Record<string, unknown> = {}) => ({ address, ...(row ? { row } : {}), ...extra });
  if (s.hub?.navigation && s.navigation?.topNavigation) {
    x.rep.at('BP563', [...path, 'hub', 'navigation'], "the hub navigation is the hub site's top navigation bar: state it once, in hub.navigation or in navigation.topNavigation", o(site, { atKey: true }));
  } else {
    nodes(x, s.navigation?.quickLaunch, [...path, 'navigation', 'quickLaunch'], site, 'quickLaunch', row);
    nodes(x, s.navigation?.topNavigation, [...path, 'navigation', 'topNavigation'], site, 'topNavigation', row);
    nodes(x, s.hub?.navigation, [...path, 'hub', 'navigation'], site, 'topNavigation', row);
  }
};

/**
 * What a link may point at, as the blueprint reference says: a server-relative URL (one `/`, not
 * the protocol-relative `//host`) or an absolute http(s) one. A path relative to the web (`Shared
 * Documents`) is stored by the service resolved, so it would read back as drift on every plan;
 * another scheme (`javascript:`, `file:`) is not a link a site's navigation should carry.
 */
const LINK_URL = /^(?:\/(?!\/)|https?:\/\/[^\s/]+(?:[/?#]|$))/i;

function nodes(x: KindExpandContext, list: RawNavNode[] | undefined, path: Path, site: string, location: NavigationNodeProps['location'], row?: RowContext): void {
  if (!list?.length) return;
  const top = navigationAddress(site, location);
  const emit = (n: { title: string; url?: string }, j: number, all: { title: string }[], base: string, parent: string, p: Path): string | undefined => {
    const address = navigationNodeAddress(base, n.title);
    if (!x.claim(address, `navigation node '${n.title}'`, p, row)) return undefined;
    // reported, and expanded all the same: its children are checked too (an error stops the run)
    if (n.url !== undefined && !LINK_URL.test(n.url)) x.rep.at('BP567', [...p, 'url'], `link '${n.title}': '${n.url}' is neither server-relative (/sites/x/…) nor an absolute http or https URL`, { address, ...(row ? { row } : {}) });
    const siblings = all.map((a) => a.title);
    const prev = j > 0 ? navigationNodeAddress(base, all[j - 1]!.title) : undefined;
    x.push({
      kind: 'navigationNode',
      address,
      parent,
      props: definedProps({ location, title: n.title, url: n.url, after: j > 0 ? all[j - 1]!.title : '', siblings }),
      source: x.span(p),
      ...(prev ? { after: [prev] } : {}),
    });
    return address;
  };
  list.forEach((n, j) => {
    const p = [...path, j];
    const address = emit(n, j, list, top, site, p);
    if (!address) return;
    (n.children ?? []).forEach((ch, k) => emit(ch, k, n.children!, address, address, [...p, 'children', k]));
  });
}
