/**
 * A channel's `tabs:` -> one `tab` per tab (`…/channel[X]/tab[name]`), with BP315, BP502 and
 * BP506-BP507 checks (a library tab names a document library declared on the site). Run as a
 * `channel` hook, right after its channel.
 */
import { nameCharProblem } from '../../blueprint-core/names.ts';
import type { RawTab } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { ChannelExpansion, KindExpandContext, TeamScope } from '../kind-spec.ts';
import { tabAddress, type TabProps } from './model.ts';
import { listAddress } from '../list/model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';


function checkName(name: string): string | undefined {
  if (name.trim() !== name) return `tab name '${name}' has leading or trailing spaces`;
  if (name.length > 128) return `tab name '${name}' is longer than 128 characters`;
  return undefined;
}

export const expandTabs: ChannelExpansion = (x, ch, path, channel, t) => {
  (ch.tabs ?? []).forEach((tb, j) => tab(x, tb, [...path, 'tabs', j], channel, t));
};

function tab(x: KindExpandContext, tb: RawTab, path: Path, channel: string, t: TeamScope): void {
  const row = t.row;
  const address = tabAddress(channel, tb.name);
  const o = { address, ...(row ? { row } : {}) };
  const chars = nameCharProblem('tab name', tb.name);
  if (chars) {
    x.rep.at('BP315', [...path, 'name'], chars, { ...o, onePerPlace: true });
    return;
  }
  const nameProblem = checkName(tb.name);
  if (nameProblem) {
    x.rep.at('BP502', [...path, 'name'], nameProblem, o);
    return;
  }
  if ((tb.website === undefined) === (tb.library === undefined)) {
    x.rep.at('BP506', path, 'a tab is either a website (website: https://…) or a document library (library: <URL segment>), exactly one of them', o);
    return;
  }
  let props: TabProps;
  if (tb.website !== undefined) {
    for (const [k, v] of [['website', tb.website], ['websiteUrl', tb.websiteUrl]] as const) {
      if (v !== undefined && !/^https:\/\/[^\s/]+\.[^\s]*$/i.test(v)) {
        x.rep.at('BP506', [...path, k], `'${v}' is not an https:// address`, o);
        return;
      }
    }
    props = definedProps({ displayName: tb.name, app: 'website' as const, contentUrl: tb.website, websiteUrl: tb.websiteUrl });
  } else {
    if (tb.websiteUrl !== undefined) {
      x.rep.at('BP506', [...path, 'websiteUrl'], 'websiteUrl is for website tabs; a library tab opens the library', { ...o, atKey: true });
      return;
    }
    const lib = tb.library!.replace(/^\/+|\/+$/g, '');
    if (!t.libraries.has(lib.toLowerCase())) {
      x.rep.at('BP507', [...path, 'library'], `library '${lib}' is not a document library declared on this site (nor Shared Documents)`, { ...o, severity: 'warning' });
    }
    props = { displayName: tb.name, app: 'library', contentUrl: lib };
  }
  if (!x.claim(address, `tab '${tb.name}'`, path, row)) return;
  // A library the blueprint declares is made before the tab that opens it.
  const declared = props.app === 'library' ? t.libraries.get(props.contentUrl.toLowerCase()) : undefined;
  x.push({ kind: 'tab', address, parent: channel, props, source: x.span(path), ...(declared ? { after: [listAddress(t.site, declared)] } : {}) });
}
