/**
 * Where a group's site landed, against where the blueprint declares it. A group created through
 * Graph gets its site named after its mailNickname, and SharePoint gives it another URL when
 * that one is taken (by a communication site, another group's site, or one in the recycle bin),
 * or under `/teams/` where the tenant is set so; app-only, the engine cannot choose the URL. A
 * site elsewhere than declared is not the blueprint's site as written: its lists and navigation
 * would go to a URL the blueprint does not name.
 */
import { serverRelativePath } from '../shared/server-relative.ts';

/**
 * Pure: why a group's site, at the server-relative path `at` (`serverRelativePath` of its web
 * URL), is not at the declared `declared` URL, or undefined when it is (compared as SharePoint
 * compares paths: case-insensitively, decoded, without a trailing slash).
 */
export function siteElsewhere(declared: string, at: string): string | undefined {
  if (at.toLowerCase() === serverRelativePath(declared).toLowerCase()) return undefined;
  return `the group's site is at ${at}, not at ${declared} as declared (SharePoint names a group's site after its mailNickname and gives it another URL when that one is taken, or puts it under /teams/ where the tenant is set so): declare url: ${at}, or free ${declared} and create the group again`;
}

/**
 * Pure: why a group to create with mailNickname `nick` would not get its site at the declared
 * `declared` URL, or undefined when it would: SharePoint names a new group's site after its
 * mailNickname (a valid one is made of URL-safe characters only), so a URL whose last segment is
 * another name (compared case-insensitively) would be missed, and the group made for nothing.
 * The managed path (`/sites/`, `/teams/`) is the tenant's setting, not judged here. A group that
 * exists is found by its mailNickname wherever its site is (one renamed since keeps its URL).
 */
export function siteNotNamedSo(declared: string, nick: string): string | undefined {
  const path = serverRelativePath(declared);
  const segment = path.slice(path.lastIndexOf('/') + 1);
  if (segment.toLowerCase() === nick.toLowerCase()) return undefined;
  const at = `${path.slice(0, path.lastIndexOf('/') + 1)}${nick}`;
  return `a group created with mailNickname '${nick}' gets its site at ${at} (SharePoint names a new group's site after its mailNickname), not at ${declared} as declared: declare url: ${at}, or mailNickname: ${segment}`;
}
