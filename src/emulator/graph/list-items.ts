/**
 * Graph list items: `/sites/{id}/lists/{id}/items` (listItem with an optional `fields`
 * fieldValueSet), create, update fields, delete. Items are what makes a list "hold content",
 * which the engine must not delete without consent.
 */
import type { Store } from '../store.ts';
import type { ItemRec, ListRec, SiteRec } from '../types.ts';
import { graphSiteId } from './project.ts';

const systemUser = { user: { displayName: 'System Account' } };

/** A listItem as Graph shows it; `fields` only when expanded. */
export function listItemJson(store: Store, site: SiteRec, list: ListRec, item: ItemRec, withFields: boolean): Record<string, unknown> {
  const webPath = site.url === '/' ? '' : site.url;
  const etag = itemETag(item);
  const out: Record<string, unknown> = {
    '@odata.etag': etag,
    createdDateTime: item.created,
    eTag: etag,
    id: String(item.id),
    lastModifiedDateTime: item.modified,
    webUrl: store.absoluteUrl(`${webPath}/${list.url}/DispForm.aspx?ID=${item.id}`),
    createdBy: systemUser,
    lastModifiedBy: systemUser,
    parentReference: { id: list.id, siteId: graphSiteId(store, site) },
    contentType: { id: list.baseTemplate === 101 ? '0x0101' : '0x01', name: list.baseTemplate === 101 ? 'Document' : 'Item' },
  };
  if (withFields) out.fields = fieldsJson(item);
  return out;
}

export function fieldsJson(item: ItemRec): Record<string, unknown> {
  return { '@odata.etag': itemETag(item), id: String(item.id), ...item.fields, Modified: item.modified, Created: item.created };
}

/** The item's eTag: it changes with every update (a version), as the service's does. */
export function itemETag(item: ItemRec): string {
  return `"${item.id},${item.version ?? 1}"`;
}

/**
 * `If-Match` on an update or delete (Graph listitem-update: "If this request header is included
 * and the eTag provided does not match the current eTag on the item, a 412 Precondition Failed
 * response is returned and the item will not be updated"). `*` matches any.
 */
export function eTagMatches(ifMatch: string | undefined, item: ItemRec): boolean {
  if (ifMatch === undefined) return true;
  const wanted = ifMatch.trim().replace(/^W\//, '');
  return wanted === '*' || wanted === itemETag(item);
}

/** Validates a `fields` object of a create or update: plain values keyed by internal name. */
export function itemFieldsInput(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.startsWith('@odata')) continue;
    out[k] = v;
  }
  return out;
}
