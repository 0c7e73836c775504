/**
 * Expansion of a `type: communication` site's own part into a `commSite` resource: its language
 * (BP309 not a SharePoint LCID) and its owner (BP308 not a UPN). The checks both site kinds
 * share, and the site's children, are src/kinds/site/expand.ts's and the expander's.
 */
import type { RowContext } from '../../blueprint-core/report.ts';
import { checkUpn, SHAREPOINT_LCIDS } from '../../blueprint-core/rules.ts';
import type { RawSite } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';


/** A communication site at `address`: the `commSite` resource when the site is `fresh` (its URL valid and claimed here first). */
export function expandCommSite(x: KindExpandContext, s: RawSite, path: Path, address: string, fresh: boolean, row?: RowContext): void {
  const o = { address, ...(row ? { row } : {}) };
  if (s.lcid !== undefined && !(s.lcid in SHAREPOINT_LCIDS)) {
    x.rep.at('BP309', [...path, 'lcid'], `${s.lcid} is not a SharePoint language id (e.g. 1033 English, 1053 Swedish, 1044 Norwegian, 1030 Danish, 1035 Finnish, 1031 German, 1036 French)`, o);
  }
  if (s.owner !== undefined) {
    const p = checkUpn(s.owner);
    if (p) x.rep.at('BP308', [...path, 'owner'], p, o);
  }
  if (fresh) {
    x.push({
      kind: 'commSite',
      address,
      props: definedProps({ url: s.url, title: s.title, description: s.description, lcid: s.lcid, owner: s.owner }),
      source: x.span(path),
      ...(s.prune ? { prune: s.prune } : {}),
    });
  }
}
