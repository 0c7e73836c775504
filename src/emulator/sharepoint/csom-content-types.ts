/**
 * CSOM `Web.ContentTypes.Add(ContentTypeCreationInformation)` (what `m365 spo contenttype add`
 * posts): a site content type with the given `Id` (its parent is the longest existing id it
 * extends), `Name`, `Description`, `Group`; the same records REST and Graph project (store.meta).
 * Refused as the REST create refuses: a taken id or name, an id without a parent on the site.
 */
import { normCtId } from '../metadata-store.ts';
import type { ContentTypeRec } from '../metadata-types.ts';
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { CsomError } from './csom-objects.ts';
import type { XmlEl } from './csom-xml.ts';

const argument = (m: string) => new CsomError(m, -2147024809, 'System.ArgumentException');
const duplicate = (m: string) => new CsomError(m, -2146232832, 'Microsoft.SharePoint.SPException');

/** The `<Property Name="X" Type="String">v</Property>` values of a creation information parameter (null for `Type="Null"`). */
function creationProps(param: XmlEl | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const p of param?.children ?? []) if (p.name === 'Property' && p.attrs.Name) out[p.attrs.Name] = p.attrs.Type === 'Null' ? null : p.text;
  return out;
}

/** Creates the site content type a `<Method Name="Add">` object path on `Web.ContentTypes` describes. */
export function addContentType(store: Store, site: SiteRec, method: XmlEl): ContentTypeRec {
  const info = creationProps(method.children.find((e) => e.name === 'Parameters')?.children[0]);
  const name = info.Name;
  const idv = info.Id;
  if (!name || !name.trim()) throw argument('The content type name cannot be empty.');
  if (!idv || !/^0x[0-9a-f]*$/i.test(idv) || idv.length < 4) throw argument(`The content type id '${idv ?? ''}' is not valid.`);
  const meta = store.meta;
  const id = normCtId(idv);
  const parent = meta.parentOf(site.id, id);
  if (!parent) throw argument(`The parent of content type ${id} does not exist on this site.`);
  if (meta.getContentType(site.id, null, id)) throw duplicate('A duplicate content type was found.');
  if (meta.contentTypesOf(site.id, null).some((c) => c.name.toLowerCase() === name.toLowerCase())) throw duplicate(`A duplicate content type "${name}" was found.`);
  return meta.createContentType({
    id,
    siteId: site.id,
    listId: null,
    name,
    description: info.Description ?? '',
    group: info.Group || 'Custom Content Types',
    parentId: parent.id,
    hidden: false,
    readOnly: false,
    sealed: false,
    links: parent.links.map((l) => ({ ...l })),
  });
}
