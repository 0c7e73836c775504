/**
 * Field SchemaXml: parse what CreateFieldAsXml receives, and render a field back as SchemaXml.
 */
import type { FieldRec } from '../types.ts';
import { deriveInternalName } from './internal-name.ts';

export class SchemaXmlError extends Error {}

export interface ParsedField {
  attrs: Map<string, string>; // attribute name (as written) -> decoded value
  defaultValue: string | null | undefined;
  choices: string[] | undefined;
  /** name -> value of the `<Customization>` properties (taxonomy fields: SspId, TermSetId, TextField, AnchorId) */
  customization?: Record<string, string>;
}

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function parseFieldXml(xml: string): ParsedField {
  const s = xml.trim();
  const m = /^<Field\b/i.exec(s);
  if (!m) throw new SchemaXmlError('The SchemaXml must start with a <Field> element.');
  let i = m[0].length;
  const attrs = new Map<string, string>();
  const attrRe = /\s*([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
  for (;;) {
    attrRe.lastIndex = i;
    const a = attrRe.exec(s);
    if (!a) break;
    attrs.set(a[1]!, decodeEntities(a[3] ?? a[4] ?? ''));
    i = attrRe.lastIndex;
  }
  const rest = s.slice(i).trimStart();
  let inner = '';
  if (rest.startsWith('/>')) inner = '';
  else if (rest.startsWith('>')) {
    const end = rest.lastIndexOf('</Field>');
    if (end < 0) throw new SchemaXmlError('The SchemaXml is not well formed: missing </Field>.');
    inner = rest.slice(1, end);
  } else throw new SchemaXmlError('The SchemaXml is not well formed.');
  let defaultValue: string | null | undefined;
  const dm = /<Default>([\s\S]*?)<\/Default>|<Default\s*\/>/i.exec(inner);
  if (dm) defaultValue = dm[1] === undefined ? '' : decodeEntities(dm[1]);
  let choices: string[] | undefined;
  const cm = /<CHOICES>([\s\S]*?)<\/CHOICES>|<CHOICES\s*\/>/i.exec(inner);
  if (cm) {
    choices = [];
    const re = /<CHOICE>([\s\S]*?)<\/CHOICE>/gi;
    for (let c = re.exec(cm[1] ?? ''); c; c = re.exec(cm[1] ?? '')) choices.push(decodeEntities(c[1]!));
  }
  const customization = parseCustomization(inner);
  return { attrs, defaultValue, choices, ...(customization ? { customization } : {}) };
}

/** `<Customization><ArrayOfProperty><Property><Name>N</Name><Value ...>V</Value></Property>...` (taxonomy fields). */
function parseCustomization(inner: string): Record<string, string> | undefined {
  const cm = /<Customization>([\s\S]*?)<\/Customization>/i.exec(inner);
  if (!cm) return undefined;
  const out: Record<string, string> = {};
  const re = /<Property>\s*<Name>([\s\S]*?)<\/Name>\s*<Value\b[^>]*>([\s\S]*?)<\/Value>\s*<\/Property>/gi;
  for (let p = re.exec(cm[1]!); p; p = re.exec(cm[1]!)) out[decodeEntities(p[1]!.trim())] = decodeEntities(p[2]!.trim());
  return out;
}

const KNOWN = new Set(
  [
    'ID', 'Name', 'StaticName', 'DisplayName', 'Type', 'Required', 'Description', 'Group', 'Hidden', 'ReadOnly', 'Indexed', 'EnforceUniqueValues',
    'Format', 'Min', 'Max', 'Decimals', 'Percentage', 'MaxLength', 'NumLines', 'RichText', 'AppendOnly', 'UserSelectionMode', 'Mult', 'FillInChoice',
    'SourceID', 'Version', 'Sealed',
  ].map((k) => k.toLowerCase()),
);

function attr(p: ParsedField, name: string): string | undefined {
  const ln = name.toLowerCase();
  for (const [k, v] of p.attrs) if (k.toLowerCase() === ln) return v;
  return undefined;
}

function bool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  return v.toUpperCase() === 'TRUE' || v === '1';
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Field properties described by a SchemaXml (for create, everything; for update, what is present).
 * On create, `nameHint` (AddFieldInternalNameHint) makes `Name` (else `StaticName`) the internal
 * name; without it the internal name is derived from `DisplayName` (./internal-name.ts) and the
 * caller makes it unique.
 */
export function fieldFromXml(p: ParsedField, forUpdate: boolean, nameHint = true): Partial<FieldRec> {
  const f: Partial<FieldRec> = {};
  const set = <K extends keyof FieldRec>(k: K, v: FieldRec[K] | undefined) => {
    if (v !== undefined) f[k] = v;
  };
  const type = attr(p, 'Type');
  if (type !== undefined) {
    if (type === 'UserMulti') {
      f.type = 'User';
      f.mult = true;
    } else if (type === 'TaxonomyFieldTypeMulti') {
      f.type = 'TaxonomyFieldType';
      f.mult = true;
    } else f.type = type;
  } else if (!forUpdate) throw new SchemaXmlError('The Type attribute is required.');
  const name = attr(p, 'Name');
  const display = attr(p, 'DisplayName');
  if (!forUpdate) {
    const source = display ?? name ?? attr(p, 'StaticName');
    const internal = nameHint ? (name ?? attr(p, 'StaticName') ?? (display !== undefined ? deriveInternalName(display) : undefined)) : source !== undefined ? deriveInternalName(source) : undefined;
    if (!internal) throw new SchemaXmlError('The field must have a Name or a DisplayName.');
    f.internalName = internal;
    f.staticName = nameHint ? (attr(p, 'StaticName') ?? internal) : internal;
    f.title = display ?? internal;
  } else if (display !== undefined) f.title = display;
  set('description', attr(p, 'Description'));
  set('group', attr(p, 'Group'));
  set('required', bool(attr(p, 'Required')));
  set('hidden', bool(attr(p, 'Hidden')));
  set('readOnly', bool(attr(p, 'ReadOnly')));
  set('indexed', bool(attr(p, 'Indexed')));
  set('enforceUnique', bool(attr(p, 'EnforceUniqueValues')));
  const t = f.type;
  const format = attr(p, 'Format');
  if (format !== undefined) {
    if (t === 'DateTime' || (!t && (format === 'DateOnly' || format === 'DateTime'))) f.format = format === 'DateOnly' ? 'DateOnly' : 'DateTime';
    else if (format === 'RadioButtons' || format === 'Dropdown') f.choiceFormat = format;
  } else if (t === 'DateTime' && !forUpdate) f.format = 'DateTime';
  set('min', num(attr(p, 'Min')));
  set('max', num(attr(p, 'Max')));
  set('decimals', num(attr(p, 'Decimals')));
  set('percentage', bool(attr(p, 'Percentage')));
  set('maxLength', num(attr(p, 'MaxLength')));
  set('numLines', num(attr(p, 'NumLines')));
  set('richText', bool(attr(p, 'RichText')));
  set('appendOnly', bool(attr(p, 'AppendOnly')));
  set('fillInChoice', bool(attr(p, 'FillInChoice')));
  const mult = bool(attr(p, 'Mult'));
  if (mult !== undefined) f.mult = mult;
  const usm = attr(p, 'UserSelectionMode');
  if (usm !== undefined) f.userSelectionMode = usm === 'PeopleAndGroups' || usm === '1' ? 'PeopleAndGroups' : 'PeopleOnly';
  else if (t === 'User' && !forUpdate) f.userSelectionMode = 'PeopleOnly';
  if (p.defaultValue !== undefined) f.defaultValue = p.defaultValue === '' ? null : p.defaultValue;
  if (p.choices !== undefined) f.choices = p.choices;
  else if ((t === 'Choice' || t === 'MultiChoice') && !forUpdate) f.choices = [];
  if (t === 'Text' && !forUpdate && f.maxLength === undefined) f.maxLength = 255;
  if (f.type === 'TaxonomyFieldType' && !forUpdate) {
    const cz = p.customization ?? {};
    if (!cz.TermSetId || !cz.SspId) throw new SchemaXmlError('A TaxonomyFieldType field needs the SspId and TermSetId customization properties.');
    f.taxonomy = { termSetId: cz.TermSetId.toLowerCase(), sspId: cz.SspId.toLowerCase(), textField: cz.TextField?.toLowerCase().replace(/^\{|\}$/g, '') ?? null, anchorId: cz.AnchorId ?? null };
  }
  const extra: Record<string, string> = {};
  for (const [k, v] of p.attrs) if (!KNOWN.has(k.toLowerCase())) extra[k] = v;
  if (Object.keys(extra).length) f.extraAttrs = extra;
  return f;
}

export function typeAsString(f: FieldRec): string {
  if (f.type === 'User' && f.mult) return 'UserMulti';
  if (f.type === 'TaxonomyFieldType' && f.mult) return 'TaxonomyFieldTypeMulti';
  return f.type;
}

export function renderSchemaXml(f: FieldRec, webId: string): string {
  const a: [string, string][] = [];
  const push = (k: string, v: string | number | boolean | undefined) => {
    if (v === undefined) return;
    a.push([k, typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v)]);
  };
  push('Type', typeAsString(f));
  push('DisplayName', f.title);
  push('Required', f.required);
  push('EnforceUniqueValues', f.enforceUnique);
  push('Indexed', f.indexed);
  if (f.hidden) push('Hidden', true);
  if (f.readOnly) push('ReadOnly', true);
  if (f.type === 'DateTime') push('Format', f.format ?? 'DateTime');
  if ((f.type === 'Choice' || f.type === 'MultiChoice') && f.choiceFormat) push('Format', f.choiceFormat);
  if (f.fillInChoice !== undefined) push('FillInChoice', f.fillInChoice);
  push('Min', f.min);
  push('Max', f.max);
  push('Decimals', f.decimals);
  if (f.percentage) push('Percentage', true);
  push('MaxLength', f.maxLength);
  push('NumLines', f.numLines);
  push('RichText', f.richText);
  push('AppendOnly', f.appendOnly);
  if (f.type === 'User') {
    push('UserSelectionMode', f.userSelectionMode ?? 'PeopleOnly');
    if (f.mult) push('Mult', true);
  }
  push('ID', `{${f.id}}`);
  push('SourceID', `{${webId}}`);
  push('StaticName', f.staticName);
  push('Name', f.internalName);
  if (f.group) push('Group', f.group);
  if (f.description) push('Description', f.description);
  if (f.sealed) push('Sealed', true);
  for (const [k, v] of Object.entries(f.extraAttrs ?? {})) a.push([k, v]);
  let inner = '';
  if (f.defaultValue !== null && f.defaultValue !== undefined) inner += `<Default>${escapeXml(f.defaultValue)}</Default>`;
  if (f.type === 'Choice' || f.type === 'MultiChoice') inner += `<CHOICES>${(f.choices ?? []).map((c) => `<CHOICE>${escapeXml(c)}</CHOICE>`).join('')}</CHOICES>`;
  const attrs = a.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  return inner ? `<Field${attrs}>${inner}</Field>` : `<Field${attrs} />`;
}
