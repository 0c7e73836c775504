/**
 * Expansion of a site's `lists:` entry into a `list` resource: BP315 characters of its title and
 * URL, BP305 its URL, BP316 lookalike letters, BP301 a URL taken by another list of the site.
 * The list's children (columns, content types, views, permissions) are the blueprint expander's
 * to run after it.
 */
import { checkNameChars, warnMixedScript } from '../../blueprint-core/name-checks.ts';
import type { RowContext } from '../../blueprint-core/report.ts';
import { checkListUrl, checkTitle } from '../../blueprint-core/rules.ts';
import type { RawList } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { listAddress, type ListProps } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';
import { sharedProps } from '../../blueprint-core/shared-props.ts';

/**
 * How a list fared: `pushed` (its resource is in), `refused` (its URL is refused: its columns are
 * still checked, nothing more), `duplicate` (its address is another list's: nothing more of it).
 */
export type ListOutcome = 'pushed' | 'refused' | 'duplicate';


/** A list's props, per frozen template part (shared-props.ts). */
const LIST_PROPS = new WeakMap<object, ListProps>();

/** A list written at `path` in the site at address `site`. */
export function expandList(x: KindExpandContext, l: RawList, path: Path, site: string, row?: RowContext): { address: string; outcome: ListOutcome } {
  const address = listAddress(site, l.url);
  if (typeof l.title === 'string') {
    const t = checkTitle('list title', l.title);
    if (t) x.rep.at('BP315', [...path, 'title'], t, { address, onePerPlace: true, ...(row ? { row } : {}) });
  }
  const chars = checkNameChars(x.rep, 'list URL', l.url, [...path, 'url'], address, row);
  const problem = chars ? checkListUrl(l.url) : 'refused';
  if (problem) {
    if (chars) x.rep.at('BP305', [...path, 'url'], problem, { address, ...(row ? { row } : {}) });
    return { address, outcome: 'refused' };
  }
  warnMixedScript(x.rep, 'list URL', l.url, [...path, 'url'], address, row);
  if (!x.claim(address, `list URL '${l.url}' in the site`, path, row)) return { address, outcome: 'duplicate' };
  x.push({
    kind: 'list',
    address,
    parent: site,
    props: sharedProps(LIST_PROPS, l, () => definedProps({ url: l.url, title: l.title ?? l.url, template: l.template, description: l.description })),
    source: x.span(path),
    ...(l.prune ? { prune: l.prune } : {}),
  });
  return { address, outcome: 'pushed' };
}
