import type { FieldRec } from './types.ts';

/**
 * The built-in columns every new web gets (a representative handful, with the service's
 * well-known field ids and groups); a list's are in builtin-list-fields.ts.
 */
export type BuiltinDef = Omit<FieldRec, 'siteId' | 'listId' | 'created' | 'lastModified' | 'builtin' | 'staticName' | 'description' | 'indexed' | 'enforceUnique' | 'defaultValue'> & {
  description?: string;
};

const base = { required: false, hidden: false, readOnly: false, sealed: false };

export const WEB_FIELDS: BuiltinDef[] = [
  { id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247', internalName: 'Title', title: 'Title', type: 'Text', group: 'Custom Columns', maxLength: 255, ...base, required: true },
  { id: '8c06beca-0777-48f7-91c7-6da68bc07b69', internalName: 'Created', title: 'Created', type: 'DateTime', group: '_Hidden', format: 'DateTime', ...base, readOnly: true, sealed: true },
  { id: '28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f', internalName: 'Modified', title: 'Modified', type: 'DateTime', group: '_Hidden', format: 'DateTime', ...base, readOnly: true, sealed: true },
  { id: '1df5e554-ec7e-46a6-901d-d85a3881cb18', internalName: 'Author', title: 'Created By', type: 'User', group: '_Hidden', userSelectionMode: 'PeopleOnly', ...base, readOnly: true, sealed: true },
  { id: 'd31655d1-1d5b-4511-95a1-7a09e9b75bf2', internalName: 'Editor', title: 'Modified By', type: 'User', group: '_Hidden', userSelectionMode: 'PeopleOnly', ...base, readOnly: true, sealed: true },
  { id: '52578fc3-1f01-4f4d-b016-94ccbcf428cf', internalName: '_Comments', title: 'Comments', type: 'Note', group: 'Core Document Columns', numLines: 5, richText: false, ...base },
  { id: 'fce16b4c-fe53-4793-aaab-b4892e736d15', internalName: 'EMail', title: 'Email', type: 'Text', group: 'Core Contact and Calendar Columns', maxLength: 255, ...base },
  { id: 'fd630629-c165-4513-b43c-fdb16b86a14d', internalName: 'WorkPhone', title: 'Business Phone', type: 'Text', group: 'Core Contact and Calendar Columns', maxLength: 255, ...base },
  { id: '64cd368d-2f95-4bfc-a1f9-8d4324ecb007', internalName: 'StartDate', title: 'Start Date', type: 'DateTime', group: 'Core Task and Issue Columns', format: 'DateOnly', ...base },
  { id: 'c15b34c3-ce7d-490a-b133-3f4de8801b76', internalName: 'Status', title: 'Status', type: 'Choice', group: 'Core Task and Issue Columns', choices: ['Not Started', 'Draft', 'Reviewed', 'Scheduled', 'Published', 'Final', 'Expired'], choiceFormat: 'Dropdown', fillInChoice: true, ...base },
];

export function builtinWebFields(siteId: string, created: string): FieldRec[] {
  return WEB_FIELDS.map((d) => materialize(d, siteId, null, created));
}

/** A field record of a built-in definition, in a web (`listId` null) or a list. */
export function materialize(d: BuiltinDef, siteId: string, listId: string | null, created: string): FieldRec {
  const { description, ...rest } = d;
  const choices = rest.choices ? [...rest.choices] : undefined;
  return {
    ...rest,
    ...(choices ? { choices } : {}),
    siteId,
    listId,
    staticName: d.internalName,
    description: description ?? '',
    indexed: false,
    enforceUnique: false,
    defaultValue: null,
    builtin: true,
    created,
    lastModified: created,
  };
}
