/**
 * Builds the SharePoint field schema XML (`<Field .../>`) for `CreateFieldAsXml`, the one way to
 * create a field with a chosen ID, which is how columns get the deterministic ids the blueprint
 * derives (architecture decision 5). Also the string form of a column default as SharePoint
 * stores it (booleans "1"/"0").
 */
import type { ColumnDefault, ColumnProps, ColumnType } from '../model/resources.ts';

const FIELD_TYPE: Record<ColumnType, string> = {
  text: 'Text',
  note: 'Note',
  choice: 'Choice',
  number: 'Number',
  boolean: 'Boolean',
  dateTime: 'DateTime',
  user: 'User',
};

/** A column default in SharePoint's `DefaultValue` form (`today` is SharePoint's `[today]`). */
export function defaultValueText(value: ColumnDefault): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value === 'today') return '[today]';
  return String(value);
}

export function fieldSchemaXml(c: ColumnProps): string {
  const attrs: Record<string, string> = {
    ID: `{${c.id}}`,
    Name: c.name,
    StaticName: c.name,
    DisplayName: c.displayName,
    Type: FIELD_TYPE[c.type],
  };
  if (c.required !== undefined) attrs.Required = c.required ? 'TRUE' : 'FALSE';
  if (c.description !== undefined) attrs.Description = c.description;
  if (c.type === 'note') Object.assign(attrs, { NumLines: '6', RichText: 'FALSE' });
  if (c.type === 'dateTime') attrs.Format = 'DateOnly';
  if (c.type === 'user') attrs.UserSelectionMode = 'PeopleOnly';
  let inner = '';
  if (c.default !== undefined) inner += `<Default>${escapeXml(defaultValueText(c.default))}</Default>`;
  if (c.type === 'choice' && c.choices) inner += `<CHOICES>${c.choices.map((x) => `<CHOICE>${escapeXml(x)}</CHOICE>`).join('')}</CHOICES>`;
  const attrText = Object.entries(attrs)
    .map(([k, v]) => `${k}="${escapeXml(v)}"`)
    .join(' ');
  return inner ? `<Field ${attrText}>${inner}</Field>` : `<Field ${attrText} />`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
