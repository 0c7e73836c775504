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
