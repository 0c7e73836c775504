/**
 * The built-in fields a new list gets, as SharePoint Online gives them: a generic list (template
 * 100 and the other list templates) and a document library (101 and the other library templates),
 * in the service's order, with their real internal names, field ids (SPBuiltInFieldId), types,
 * display names and Hidden / ReadOnly / Required flags. Fields whose ids are not published
 * (the compliance and retention columns, `_ColorTag`, `SMTotalSize`…, `SyncClientId`,
 * `LinkTitle2`) are left out: docs/local-tenant.md.
 */
import { materialize, type BuiltinDef } from './builtins.ts';
import type { FieldRec } from './types.ts';

/**
 * One field per line: internal name, id, type, display name, flags (`H` hidden, `R` read-only,
 * `Q` required, `S` sealed: cannot be deleted), `L` in libraries only, `G` in generic lists only.
 */
const TABLE = `
ContentTypeId|03e45e84-1992-4d42-9116-26f756012634|ContentTypeId|Content Type ID|HRS
FileLeafRef|8553196d-ec8d-4564-9861-3dbe931050c8|File|Name|QSL
Modified_x0020_By|822c78e3-1ea9-4943-b449-57863ad33ca9|Text|Document Modified By|HRSL
Created_x0020_By|4dd7e525-8d6b-4cb4-9d3e-44ee25f973eb|Text|Document Created By|HRSL
Title|fa564e0f-0c70-4ab9-b863-0177e6ddd247|Text|Title|
_ModerationComments|34ad21eb-75bd-4544-8c73-0e08330291fe|Note|Approver Comments|HRS
File_x0020_Type|39360f11-34cf-4356-9945-25c44e68dade|Text|File Type|HRS
HTML_x0020_File_x0020_Type|0c5e0085-eb30-494b-9cdd-ece1d3c649a2|Text|HTML File Type|HRSL
_SourceUrl|c63a459d-54ba-4ab7-933a-dcf1c6fadec2|Text|Source URL|HSL
_SharedFileIndex|034998e9-bf1c-4288-bbbd-00eacfc64410|Text|Shared File Index|HSL
TemplateUrl|4b1bf6c6-4f39-45ac-acd5-16fe7a214e5e|Text|Template Link|HSL
xd_ProgID|cd1ecb9f-dd4e-4f29-ab9e-e9ff40048d64|Text|HTML File Link|HSL
xd_Signature|fbf29b2d-cae5-49aa-8e0a-29955b540122|Boolean|Is Signed|HRSL
ID|1d22ea11-1e32-424e-89ab-9fedbadb6ce1|Counter|ID|RS
ContentType|c042a256-787d-4a6f-8a8a-cf6ab767f12d|Computed|Content Type|S
Modified|28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f|DateTime|Modified|RS
Created|8c06beca-0777-48f7-91c7-6da68bc07b69|DateTime|Created|RS
Author|1df5e554-ec7e-46a6-901d-d85a3881cb18|User|Created By|RS
Editor|d31655d1-1d5b-4511-95a1-7a09e9b75bf2|User|Modified By|RS
_HasCopyDestinations|26d0756c-986a-48a7-af35-bf18ab85ff4a|Boolean|Has Copy Destinations|HRS
_CopySource|6b4e226d-3d88-4a36-808d-a129bf52bccf|Text|Copy Source|HRS
owshiddenversion|d4e44a66-ee3a-4d02-88c9-4ec5ff3f4cd5|Integer|owshiddenversion|HRS
WorkflowVersion|f1e020bc-ba26-443f-bf2f-b68715017bbc|Integer|Workflow Version|HRS
_UIVersion|7841bf41-43d0-4434-9f50-a673baef7631|Integer|UI Version|HRS
_UIVersionString|dce8262a-3ae9-45aa-aab4-83bd75fb738a|Text|Version|RS
Attachments|67df98f4-9dec-48ff-a553-29bece9c5bf4|Attachments|Attachments|SG
_ModerationStatus|fdc3b2ed-5bf2-4835-a4bc-b885f3396a61|ModStat|Approval Status|HRS
Edit|503f1caa-358e-4918-9094-4a2cdc4bc034|Computed|Edit|RS
LinkTitleNoMenu|bc91a437-52e7-49e1-8c4e-4698904b2b6d|Computed|Title|RSG
LinkTitle|82642ec8-ef9b-478f-acf9-31f7d45fbc31|Computed|Title|RSG
SelectTitle|b1f7969b-ea65-42e1-8b54-b588292635f2|Computed|Select|HRSG
InstanceID|50a54da4-1528-4e67-954a-e2d24f1e9efb|Integer|Instance ID|HRS
Order|ca4addac-796f-4b23-b093-d2a3f65c0774|Number|Order|HS
GUID|ae069f25-3ac2-4256-b9c3-15dbc15da0e0|Guid|GUID|HRS
WorkflowInstanceID|de8beacf-5505-47cd-80a6-aa44e7ffe2f4|Guid|Workflow Instance ID|HRS
FileRef|94f89715-e097-4e8b-ba79-ea02aa8b7adb|Lookup|URL Path|HRS
FileDirRef|56605df6-8fa1-47e4-a04c-5b384d59609f|Lookup|Path|HRS
Last_x0020_Modified|173f76c8-aebd-446a-9bc9-769a2bd2c18f|Lookup|Modified|HRS
Created_x0020_Date|998b5cff-4a35-47a7-92f3-3914aa6aa4a2|Lookup|Created|HRS
File_x0020_Size|8fca95c0-9b7d-456f-8dae-b41ee2728b85|Lookup|File Size|HRSL
FSObjType|30bb605f-5bae-48fe-b4e3-1f81d9772af9|Lookup|Item Type|HRS
SortBehavior|423874f8-c300-4bfb-b7a1-42e2159e3b19|Lookup|Sort Type|HRS
PermMask|ba3c27ee-4791-4867-8821-ff99000bac98|Computed|Effective Permissions Mask|HRS
FileLeafRef|8553196d-ec8d-4564-9861-3dbe931050c8|File|Name|HSG
CheckoutUser|3881510a-4e4a-4ee8-b102-8ee8e2d0dd4b|User|Checked Out To|RSL
VirusStatus|4a389cb9-54dd-4287-a71a-90ff362028bc|Lookup|Virus Status|HRSL
_CheckinComment|58014f77-5463-437b-ab67-eec79532da67|Lookup|Check In Comment|RSL
FileSizeDisplay|78a07ba4-bda8-4357-9e0f-580d64487583|Computed|File Size|RSL
SelectFilename|5f47e085-2150-41dc-b661-442f3027f552|Computed|Select|HRSL
ParentVersionString|bc1a8efb-0f4c-49f8-a38f-7fe22af3d3e0|Lookup|Source Version (Converted Document)|HRSL
ParentLeafName|774eab3a-855f-4a34-99da-69dc21043bec|Lookup|Source Name (Converted Document)|HRSL
Combine|e52012a0-51eb-4c0c-8dfb-9b8a0ebedcb6|Computed|Merge|HRSL
RepairDocument|5d36727b-bcb2-47d2-a231-1f0bc63b7439|Computed|Relink|HRSL
UniqueId|4b7403de-8d94-43e8-9f0f-137a3e298126|Lookup|Unique Id|HRS
ProgId|c5c4b81c-f1d9-4b43-a6a2-090df32ebb68|Lookup|ProgId|HRS
ScopeId|dddd2420-b270-4735-93b5-92b713d0944d|Lookup|ScopeId|HRS
_EditMenuTableStart|3c6303be-e21f-4366-80d7-d6d0a3b22c7a|Computed|Edit Menu Table Start|HRS
_EditMenuTableStart2|1344423c-c7f9-4134-88e4-ad842e2d723c|Computed|Edit Menu Table Start|HRS
_EditMenuTableEnd|2ea78cef-1bf9-4019-960a-02c41636cb47|Computed|Edit Menu Table End|HRS
LinkFilenameNoMenu|9d30f126-ba48-446b-b8f9-83745f322ebe|Computed|Name|RS
LinkFilename|5cc6dc79-3710-4374-b433-61cb4a686c12|Computed|Name|RS
DocIcon|081c6e4c-5c14-4f20-b23e-1a71ceb6a67c|Computed|Type|RS
ServerUrl|105f76ce-724a-4bba-aece-f81f2fce58f5|Computed|Server Relative URL|HRS
EncodedAbsUrl|7177cfc7-f399-4d4d-905d-37dd51bc90bf|Computed|Encoded Absolute URL|HRS
BaseName|7615464b-559e-4302-b8e2-8f440b913101|Computed|File Name|HRS
MetaInfo|687c7f94-686a-42d3-9b67-2782eac4b4f8|Lookup|Property Bag|HS
_Level|43bdd51b-3c5b-4e78-90a8-fb2087f71e70|Integer|Level|HRS
_IsCurrentVersion|c101c3e7-122d-4d4d-bc34-58e94a38c816|Boolean|Is Current Version|HRS
ItemChildCount|b824e17e-a1b3-426e-aecf-f0184d900485|Lookup|Item Child Count|RS
FolderChildCount|960ff01f-2b6d-4f1b-9c3f-e19ad8927341|Lookup|Folder Child Count|RS
AppAuthor|6bfaba20-36bf-44b5-a1b2-eb6346d49716|Lookup|App Created By|RS
AppEditor|e08400f3-c779-4ed2-a18c-ab7f34caa318|Lookup|App Modified By|RS
`;

interface Row {
  def: BuiltinDef;
  library: boolean;
  generic: boolean;
}

const ROWS: Row[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [internalName, id, type, title, flags = ''] = line.split('|') as [string, string, string, string, string?];
    const def: BuiltinDef = { id, internalName, title, type, group: '', required: flags.includes('Q'), hidden: flags.includes('H'), readOnly: flags.includes('R'), sealed: flags.includes('S') };
    if (type === 'Text') def.maxLength = 255;
    if (type === 'Note') Object.assign(def, { numLines: 6, richText: false });
    if (type === 'DateTime') def.format = 'DateTime';
    if (type === 'User') def.userSelectionMode = 'PeopleOnly';
    return { def, library: !flags.includes('G'), generic: !flags.includes('L') };
  });

/** Whether a list template is a document library (the library's field set). */
function isLibrary(baseTemplate: number): boolean {
  return baseTemplate === 101 || baseTemplate === 109 || baseTemplate === 119 || baseTemplate === 115 || baseTemplate === 851;
}

/** The built-in fields of a new list of `baseTemplate`, in the service's order. */
export function builtinListFields(siteId: string, listId: string, baseTemplate: number, created: string): FieldRec[] {
  return builtinListDefs(baseTemplate).order.map((def) => builtinListField(def, siteId, listId, baseTemplate, created));
}

/** A list template's built-in definitions: in the service's order, by field id and by lower-case internal name. */
export interface BuiltinListDefs {
  order: BuiltinDef[];
  byId: Map<string, BuiltinDef>;
  byName: Map<string, BuiltinDef>;
}

const defsOf = (library: boolean): BuiltinListDefs => {
  const order = ROWS.filter((r) => (library ? r.library : r.generic)).map((r) => r.def);
  return { order, byId: new Map(order.map((d) => [d.id, d])), byName: new Map(order.map((d) => [d.internalName.toLowerCase(), d])) };
};
const LIBRARY_DEFS = defsOf(true);
const GENERIC_DEFS = defsOf(false);

/** The built-in definitions of a list of `baseTemplate` (made once per kind, shared by every list). */
export function builtinListDefs(baseTemplate: number): BuiltinListDefs {
  return isLibrary(baseTemplate) ? LIBRARY_DEFS : GENERIC_DEFS;
}

/** The field record of one built-in definition in a list: a new object each time. */
export function builtinListField(def: BuiltinDef, siteId: string, listId: string, baseTemplate: number, created: string): FieldRec {
  const f = materialize(def, siteId, listId, created);
  // In a generic list Title is the required first column; in a library it is optional.
  if (f.internalName === 'Title') f.required = !isLibrary(baseTemplate);
  return f;
}
