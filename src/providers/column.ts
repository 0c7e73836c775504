/**
 * column: a site column (parent is a site) or a list column (parent is a list), keyed by its
 * internal name. Read through Graph (`/sites/{id}/columns`, `/sites/{id}/lists/{id}/columns`,
 * one read per parent shared by its columns), created through SharePoint REST
 * `fields/CreateFieldAsXml` with the blueprint's deterministic id, updated through Graph PATCH.
 */
import type { ObservedState } from '../model/observed.ts';
import type { ColumnDefault, ColumnProps, ColumnType } from '../model/resources.ts';
import { defaultValueText, fieldSchemaXml } from './field-schema-xml.ts';
import type { Provider, ResourceIds } from './provider.ts';

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
}

export const columnProvider: Provider<'column'> = {
  kind: 'column',
  api: 'Graph /sites/{id}[/lists/{id}]/columns; SharePoint REST fields/CreateFieldAsXml',
  identity: ['name'],
  createOnly: ['id'],
  replaceReason(desired, observed) {
    if (observed.type !== undefined && observed.type !== desired.type) {
      return `a column's type cannot change in place (${observed.type} -> ${desired.type})`;
    }
    return undefined;
  },

  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'column'>> {
    const path = columnsPath(parentIds);
    if (!path) return { status: 'unknown', reason: 'the parent is not provisioned yet' };
    const columns = await memo(`columns:${path}`, () => tenant.graph.list<GraphColumn>(path));
    const column = columns.find((c) => c.name === resource.props.name);
    if (!column) return { status: 'absent' };
    return { status: 'present', id: column.id, ids: { ...parentIds, columnId: column.id }, props: columnProps(column) };
  },

  async create(resource, { tenant, parentIds }) {
    const xml = fieldSchemaXml(resource.props);
    const web = parentIds.webUrl;
    if (!web) throw new Error('the parent site has no known web URL');
    const fields = parentIds.listId ? tenant.sp.web(web).web.lists.getById(parentIds.listId).fields : tenant.sp.web(web).web.fields;
    const created = (await tenant.sp.call(() => fields.createFieldAsXml(xml))) as { Id?: string };
    const id = created.Id ?? resource.props.id;
    return { id, ids: { ...parentIds, columnId: id } };
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
    await tenant.graph.patch(`${path}/${id}`, patch);
  },
};

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
