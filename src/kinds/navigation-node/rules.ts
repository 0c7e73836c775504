/**
 * The pure rules of a navigation node: its title (and navigation) is its identity, the title can
 * be renamed in case; URLs compare server-relative and case-insensitively; `after` (its place
 * among the declared siblings) compares case-insensitively; `siblings` is create-only. A node
 * holds no content, so no change of one needs consent.
 */
import type { KindRules } from '../kind-rules.ts';
import { navigationNodeDeclaration } from './model.ts';

/** Server-relative, no trailing slash, lower case: how two URLs of one node are compared. */
export function normalizeNavUrl(url: string, host?: string): string {
  let u = url.trim();
  const m = /^https?:\/\/([^/]+)(\/.*)?$/i.exec(u);
  if (m && (!host || m[1]!.toLowerCase() === host.toLowerCase() || m[1]!.toLowerCase().endsWith('.sharepoint.com'))) u = m[2] ?? '/';
  if (u.length > 1 && u.endsWith('/')) u = u.slice(0, -1);
  return u.toLowerCase();
}

export const navigationNodeRules: KindRules<'navigationNode'> = {
  kind: navigationNodeDeclaration.kind,
  api: 'SharePoint REST _api/web/navigation/QuickLaunch|TopNavigationBar',
  identity: ['title', 'location'],
  createOnly: ['siblings'],
  renamable: ['title'],
  parentKinds: navigationNodeDeclaration.parentKinds,
  same(name, desired, observed) {
    if (name === 'url') return typeof observed === 'string' && normalizeNavUrl(String(desired)) === normalizeNavUrl(observed);
    if (name === 'after') return String(desired ?? '').toLowerCase() === String(observed ?? '').toLowerCase();
    return undefined;
  },
  // A navigation node holds no content: deleting one needs no consent flag.
  destructive() {
    return undefined;
  },
};
