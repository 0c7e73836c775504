/**
 * The effects of a column (a site column or a list column, keyed by its internal name). Read
 * through Graph (`/sites/{id}/columns`, `/sites/{id}/lists/{id}/columns`, one read per parent
 * shared by its columns), created through SharePoint REST
 * `fields/CreateFieldAsXml` with the blueprint's deterministic id and AddFieldInternalNameHint (so
 * that SharePoint keeps the blueprint's internal name), updated through Graph PATCH; a site
 * column's update is carried to the list copies that follow it (push-to-lists.ts).
 */
import type { ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import { createFieldOptions, defaultValueText, fieldSchemaXml, taxonomyNoteField, type TaxonomyBinding } from './field-schema-xml.ts';
import { findTermSet } from '../shared/term-store.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { KindEffects } from '../kind-effects.ts';
import { columnAddress, type ColumnDefault, type ColumnProps, type ColumnType } from './model.ts';
import { rememberSiteColumn } from '../shared/run-memo.ts';
import { columnId } from '../../blueprint-core/uuid.ts';
import { listItemCounts } from '../shared/list-item-counts.ts';
import { columnReplaceReason } from './replace.ts';
import { pushToListCopies, PUSHED_SELECT, type PushedColumn } from './push-to-lists.ts';

/** The part of Graph's columnDefinition this provider reads. */
interface GraphColumn {
  id: string;
  name: string;
  displayName: string;
  description?: string | null;
  required?: boolean;
  defaultValue?: { value?: string | null } | null;
  text?: { allowMultipleLines?: boolean };
  choice?: { choices?: string[] };
  number?: object;
  boolean?: object;
  dateTime?: object;
  personOrGroup?: object;
  term?: { allowMultipleValues?: boolean };
}

export const columnEffects: KindEffects<'column'> = {
  uniqueKey: true,
  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'column'>> {
    const path = columnsPath(parentIds);
    if (!path) return { status: 'unknown', reason: 'the parent is not provisioned yet' };
    // Internal names compare case-insensitively (SharePoint refuses `caseNo` beside `CaseNo`) and
    // cannot change: a case-only rename in the blueprint is the same column, kept as stored.
    // The visible columns first; the hidden ones only when the name is not among them.
    const key = resource.props.name.toLowerCase();
    const column =
      (await memo(`columns:${path}`, () => readColumns(tenant, path, false))).byName.get(key) ??
      (await memo(`columns+hidden:${path}`, () => readColumns(tenant, path, true))).byName.get(key);
    if (!column) return { status: 'absent' };
    const foreign = foreignColumn(column, resource.props.id);
    if (foreign) return { status: 'unknown', reason: foreign };
    const props = columnProps(column);
    // A list column the plan will replace: what the delete takes with it (the list's items).
    const facts = parentIds.listId && parentIds.siteId && parentIds.webUrl && columnReplaceReason(resource.props, props)
      ? { listItemCount: (await listItemCounts(tenant, parentIds.webUrl, parentIds.siteId, memo)).get(parentIds.listId.toLowerCase()) ?? 0 }
      : undefined;
    return { status: 'present', id: column.id, ids: { ...parentIds, columnId: column.id }, ...(facts ? { facts } : {}), props };
  },

  async create(resource, ctx) {
    const { tenant, parentIds } = ctx;
    let taxonomy: TaxonomyBinding | undefined;
    if (resource.props.type === 'taxonomy') taxonomy = await createTaxonomyNote(resource.props, tenant, parentIds);
    const xml = fieldSchemaXml(resource.props, taxonomy);
    const web = parentIds.webUrl;
    if (!web) throw new Error('the parent site has no known web URL');
    const fields = parentIds.listId ? tenant.sp.web(web).web.lists.getById(parentIds.listId).fields : tenant.sp.web(web).web.fields;
    const created = (await fields.createFieldAsXml({ SchemaXml: xml, Options: createFieldOptions(!!parentIds.listId) })) as { Id?: string };
    const id = created.Id ?? resource.props.id;
    if (!parentIds.listId && parentIds.siteId) rememberSiteColumn(ctx, parentIds.siteId, resource.props.name, id);
    return { id, ids: { ...parentIds, columnId: id } };
  },

  async listExisting(parent, parentIds, { tenant, memo, mayPrune }) {
    const path = columnsPath(parentIds);
    if (!path) return [];
    const columns = (await memo(`columns+hidden:${path}`, () => readColumns(tenant, path, true))).all.map((c) => ({ c, address: columnAddress(parent, c.name) }));
    // A list column that may be pruned: what its delete takes with it (the list's items).
    const { listId, siteId, webUrl } = parentIds;
    const pruned = listId && siteId && webUrl && mayPrune ? await Promise.all(columns.map(({ address }) => mayPrune(address))) : [];
    const items = listId && siteId && webUrl && pruned.includes(true) ? ((await listItemCounts(tenant, webUrl, siteId, memo)).get(listId.toLowerCase()) ?? 0) : undefined;
    return columns.map(({ c, address }) => ({ address, id: c.id, ids: { ...parentIds, columnId: c.id }, ...(items !== undefined ? { facts: { listItemCount: items } } : {}), props: columnProps(c) }));
  },

  async delete(_address, _before, id, ids, { tenant }) {
    const path = columnsPath(ids);
    if (!path) throw new Error('the parent is not known');
    await tenant.graph.delete(`${path}/${id}`);
  },

  async update(resource, id, ids, changed, { tenant }) {
    const p = resource.props;
    const patch: Record<string, unknown> = {};
    if (changed.includes('displayName')) patch.displayName = p.displayName;
    if (changed.includes('description')) patch.description = p.description;
    if (changed.includes('required')) patch.required = p.required;
    if (changed.includes('choices')) patch.choice = { choices: p.choices };
    if (changed.includes('default')) patch.defaultValue = { value: p.default === undefined ? null : defaultValueText(p.default) };
    if (Object.keys(patch).length === 0) return;
    const path = columnsPath(ids);
    if (!path) throw new Error('the parent is not known');
    // a site column's lists follow it (push-to-lists.ts): what it held before decides which do
    const before = ids.listId ? undefined : await tenant.graph.get<PushedColumn>(`${path}/${id}?${PUSHED_SELECT}`);
    await tenant.graph.patch(`${path}/${id}`, patch);
    if (before) await pushToListCopies(tenant, ids.siteId!, before, patch);
  },
};

/**
 * What a read of a site's or list's columns asks for: the properties `columnProps` reads. Without
 * `hidden` in it Graph leaves hidden columns out ("To list hidden columnDefinitions, include
 * hidden in your $select statement", the columnDefinition resource type), and most of a real
 * site's or library's columns are hidden (49 of a library's 73 built-ins). A blueprint's columns
 * are found among the visible ones; the hidden ones are read only when a name is not there (a
 * blueprint column named like a hidden one exists all the same: its create would fail as a
 * duplicate), for pruning, and for a taxonomy column's hidden note field.
 */
const VISIBLE_SELECT = '$select=id,name,displayName,description,required,defaultValue,text,choice,number,boolean,dateTime,personOrGroup,term';
const WITH_HIDDEN_SELECT = `${VISIBLE_SELECT},hidden`;

/** A site's or list's columns as read, and by lower-cased internal name (the first of a name). */
interface IndexedColumns {
  all: GraphColumn[];
  byName: Map<string, GraphColumn>;
}

/**
 * The columns of a site or list (`path` from columnsPath), the hidden ones too when `hidden`,
 * indexed once for the reads of its columns (a search of the whole collection per column
 * lower-cased every name again: ~50 names for each of a workspace's columns).
 */
async function readColumns(tenant: TenantClient, path: string, hidden: boolean): Promise<IndexedColumns> {
  const all = await tenant.graph.list<GraphColumn>(`${path}?${hidden ? WITH_HIDDEN_SELECT : VISIBLE_SELECT}`);
  const byName = new Map<string, GraphColumn>();
  for (const c of all) {
    const key = c.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, c);
  }
  return { all, byName };
}

/**
 * Why a column found under the blueprint column's internal name is not one a blueprint made, if
 * so: every column the engine creates carries the id derived from its internal name (columnId, as
 * it was spelt when the column was made: the service keeps that casing), so another id is a
 * built-in column of the site (a real site has hundreds: `Status`, `Priority`, `Keywords`…) or one
 * made outside the blueprint. Updating it would change a column the blueprint does not own, and a
 * type change would delete it: the plan shows it as not readable as the blueprint's, with the way
 * out, as a content type whose name is taken by another id is shown.
 */
function foreignColumn(column: GraphColumn, desiredId: string | undefined): string | undefined {
  const id = column.id.replace(/[{}]/g, '').toLowerCase();
  if (desiredId === undefined || id === desiredId.toLowerCase() || id === columnId(column.name)) return undefined;
  return `a column named '${column.name}' exists with another id (${column.id}): it was not made from this blueprint's id (${desiredId}), so it is a built-in column of the site or one made outside the blueprint; give the blueprint's column another internal name`;
}

function columnsPath(ids: ResourceIds): string | undefined {
  if (!ids.siteId) return undefined;
  return ids.listId ? `/sites/${ids.siteId}/lists/${ids.listId}/columns` : `/sites/${ids.siteId}/columns`;
}

function columnType(c: GraphColumn): ColumnType | undefined {
  if (c.text) return c.text.allowMultipleLines ? 'note' : 'text';
  if (c.choice) return 'choice';
  if (c.number) return 'number';
  if (c.boolean) return 'boolean';
  if (c.dateTime) return 'dateTime';
  if (c.personOrGroup) return 'user';
  if (c.term) return 'taxonomy';
  return undefined;
}

function columnProps(c: GraphColumn): Partial<ColumnProps> {
  const type = columnType(c);
  const props: Partial<ColumnProps> = {
    name: c.name,
    id: c.id,
    displayName: c.displayName,
    description: c.description ?? '',
    required: c.required ?? false,
  };
  if (type) props.type = type;
  if (c.choice?.choices) props.choices = c.choice.choices;
  if (c.term) props.allowMultiple = c.term.allowMultipleValues ?? false;
  const def = parseDefault(c.defaultValue?.value, type);
  if (def !== undefined) props.default = def;
  return props;
}

function parseDefault(value: string | null | undefined, type: ColumnType | undefined): ColumnDefault | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (type === 'boolean') return value === '1' || value.toLowerCase() === 'true';
  if (type === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (type === 'dateTime' && value.toLowerCase() === '[today]') return 'today';
  return value;
}

/**
 * Before a taxonomy column: finds its term set (by `Group/Set` path) and the term store id, and
 * creates the hidden note field SharePoint keeps the values in (unless a lost response made it).
 */
async function createTaxonomyNote(c: ColumnProps, tenant: TenantClient, parentIds: ResourceIds): Promise<TaxonomyBinding> {
  if (!c.termSet) throw new Error(`taxonomy column '${c.name}' has no term set`);
  const found = await findTermSet(tenant, c.termSet);
  if (!found) throw new Error(`term set '${c.termSet}' of column '${c.name}' does not exist in the term store`);
  const note = taxonomyNoteField(c);
  const web = parentIds.webUrl;
  if (!web) throw new Error('the parent site has no known web URL');
  const fields = parentIds.listId ? tenant.sp.web(web).web.lists.getById(parentIds.listId).fields : tenant.sp.web(web).web.fields;
  const path = columnsPath(parentIds);
  const existing = path ? await readColumns(tenant, path, true) : undefined;
  if (!existing?.byName.has(note.name.toLowerCase())) await fields.createFieldAsXml({ SchemaXml: note.xml, Options: createFieldOptions(!!parentIds.listId) });
  return { sspId: found.storeId, termSetId: found.setId, noteFieldId: note.id };
}
