/**
 * Builds the SharePoint field schema XML (`<Field .../>`) for `CreateFieldAsXml`, the one way to
 * create a field with a chosen ID, which is how columns get the deterministic ids the blueprint
 * derives (architecture decision 5). Also the string form of a column default as SharePoint
 * stores it (booleans "1"/"0").
 */
import { createHash } from 'node:crypto';
import type { ColumnDefault, ColumnProps, ColumnType } from './model.ts';

const FIELD_TYPE: Record<ColumnType, string> = {
  text: 'Text',
  note: 'Note',
  choice: 'Choice',
  number: 'Number',
  boolean: 'Boolean',
  dateTime: 'DateTime',
  user: 'User',
  taxonomy: 'TaxonomyFieldType',
};

/**
 * `SP.AddFieldOptions` for `CreateFieldAsXml`: AddFieldInternalNameHint (8), without which
 * SharePoint ignores `Name` and derives the internal name from the display name (`_x0020_`
 * escapes, cut at 32 characters), so the column would never be found again by its name. A list
 * column is also added to the list's default content type (AddToDefaultContentType, 1, what
 * options 0 means).
 */
export function createFieldOptions(listColumn: boolean): number {
  const ADD_TO_DEFAULT_CONTENT_TYPE = 1;
  const ADD_FIELD_INTERNAL_NAME_HINT = 8;
  return listColumn ? ADD_FIELD_INTERNAL_NAME_HINT | ADD_TO_DEFAULT_CONTENT_TYPE : ADD_FIELD_INTERNAL_NAME_HINT;
}

/** A column default in SharePoint's `DefaultValue` form (`today` is SharePoint's `[today]`). */
export function defaultValueText(value: ColumnDefault): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value === 'today') return '[today]';
  return String(value);
}

/** What a taxonomy column's SchemaXml needs besides its props: the term store, the set, the hidden note field. */
export interface TaxonomyBinding {
  sspId: string;
  termSetId: string;
  noteFieldId: string;
}

/** The hidden note field a taxonomy column keeps its values in (`<name>TaxHTField0`), with an id derived from the column's. */
export function taxonomyNoteField(c: ColumnProps): { name: string; id: string; xml: string } {
  const h = createHash('sha1').update(`${c.id}:TaxHTField0`).digest('hex');
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
  const name = `${c.name.slice(0, 21)}TaxHTField0`;
  const xml = `<Field Type="Note" ID="{${id}}" Name="${name}" StaticName="${name}" DisplayName="${escapeXml(c.displayName)}_0" ShowInViewForms="FALSE" Required="FALSE" Hidden="TRUE" CanToggleHidden="TRUE" />`;
  return { name, id, xml };
}

function taxonomyCustomization(b: TaxonomyBinding): string {
  const prop = (name: string, value: string) =>
    `<Property><Name>${name}</Name><Value xmlns:q1="http://www.w3.org/2001/XMLSchema" p4:type="q1:string" xmlns:p4="http://www.w3.org/2001/XMLSchema-instance">${escapeXml(value)}</Value></Property>`;
  return `<Customization><ArrayOfProperty>${prop('SspId', b.sspId)}${prop('TermSetId', b.termSetId)}${prop('TextField', `{${b.noteFieldId}}`)}${prop('AnchorId', '00000000-0000-0000-0000-000000000000')}${prop('IsPathRendered', 'false')}</ArrayOfProperty></Customization>`;
}

export function fieldSchemaXml(c: ColumnProps, taxonomy?: TaxonomyBinding): string {
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
  if (c.type === 'taxonomy') {
    if (c.allowMultiple) Object.assign(attrs, { Type: 'TaxonomyFieldTypeMulti', Mult: 'TRUE' });
    attrs.ShowField = 'Term1033';
  }
  let inner = '';
  if (c.default !== undefined) inner += `<Default>${escapeXml(defaultValueText(c.default))}</Default>`;
  if (c.type === 'taxonomy' && taxonomy) inner += taxonomyCustomization(taxonomy);
  if (c.type === 'choice' && c.choices) inner += `<CHOICES>${c.choices.map((x) => `<CHOICE>${escapeXml(x)}</CHOICE>`).join('')}</CHOICES>`;
  const attrText = Object.entries(attrs)
    .map(([k, v]) => `${k}="${escapeXml(v)}"`)
    .join(' ');
  return inner ? `<Field ${attrText}>${inner}</Field>` : `<Field ${attrText} />`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
