/**
 * The pure rules of a site content type: its name is the identity (renamable in case: the id
 * derives from the lower-cased name), its id is create-only, its column links compare as a set
 * (links every type inherits count only when stated), and a change of parent is a replace.
 */
import { sameText } from '../../model/same-set.ts';
import { isSiteColumnAddress } from '../column/model.ts';
import type { KindRules } from '../kind-rules.ts';
import { inOneSite } from '../site/model.ts';
import { sameCtId } from './id.ts';
import { contentTypeDeclaration, type ColumnLink } from './model.ts';

/** Links every new content type inherits (from Item / Document): compared only when stated. */
const INHERITED = new Set(['title', 'fileleafref', 'contenttype']);

/** Observed links compared against the stated ones: inherited links count only when stated. */
export function comparableLinks(desired: ColumnLink[], observed: ColumnLink[]): ColumnLink[] {
  const stated = new Set(desired.map((l) => l.name.toLowerCase()));
  return observed.filter((l) => !INHERITED.has(l.name.toLowerCase()) || stated.has(l.name.toLowerCase()));
}

function key(links: ColumnLink[]): string {
  return links
    .map((l) => `${l.name.toLowerCase()}:${l.required}`)
    .sort()
    .join('|');
}

/** Whether the observed links are the stated ones, in any order, names compared case-insensitively (inherited links only when stated). */
export function sameLinks(desired: ColumnLink[], observed: ColumnLink[] | undefined): boolean {
  return key(desired) === key(comparableLinks(desired, observed ?? []));
}

/**
 * How a kind whose `columns` are column links compares them (a site content type, a list's copy
 * of one): as a set (any order, names case-insensitively), the links every type inherits only
 * when stated, and the plan's `before` the links so compared.
 */
export const columnLinkComparison = {
  unorderedLists: ['columns'] as const,
  same(name: string, desired: unknown, observed: unknown): boolean | undefined {
    return name === 'columns' ? sameLinks(desired as ColumnLink[], observed as ColumnLink[] | undefined) : undefined;
  },
  comparedBefore(name: string, desired: unknown, observed: unknown): unknown {
    if (name !== 'columns' || !Array.isArray(observed)) return undefined;
    return comparableLinks(desired as ColumnLink[], observed as ColumnLink[]);
  },
};

export const contentTypeRules: KindRules<'contentType'> = {
  kind: contentTypeDeclaration.kind,
  api: 'Graph /sites/{id}/contentTypes[/{id}[/columns]]; SharePoint REST _api/web/contenttypes (create with its id)',
  identity: ['name'],
  createOnly: ['id'],
  renamable: ['name'],
  ...columnLinkComparison,
  parentKinds: contentTypeDeclaration.parentKinds,
  replaceReason(desired, observed) {
    if (observed.parentId !== undefined && !sameCtId(observed.parentId, desired.parentId)) {
      return `a content type's parent cannot change (${observed.parentId} -> ${desired.parentId}): its id derives from the parent`;
    }
    return undefined;
  },
  // A child type uses its parent (a site type that is the basis of another cannot be deleted).
  // A site column is used by the types that link it ("Delete a site column", Microsoft Support:
  // remove it from the content types that reference it first): by name where the links are known
  // (a declared type's, read or stated), else by any type of its site (a type found for pruning
  // does not list its links, so a site column's delete waits for every content type delete).
  usedKinds: ['contentType', 'column'],
  uses(found, other) {
    if (!inOneSite(found.address, other.address)) return false;
    if (other.kind === 'contentType') return sameText(found.props.parentId, other.id);
    if (other.kind !== 'column' || !isSiteColumnAddress(other.address)) return false;
    const links = found.props.columns;
    return !Array.isArray(links) || links.some((l: ColumnLink) => sameText(l.name, other.props.name));
  },
};
