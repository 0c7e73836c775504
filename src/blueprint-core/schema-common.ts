/**
 * What the blueprint schema's parts share (schema.ts and the kinds' fragments in
 * src/kinds/<kind>/schema.ts): the JSON-schema object type, the `{{ row.field }}` placeholder
 * pattern and enums that a template may fill with a placeholder (`enumOf`). The fragments import
 * these from here, never from schema.ts, which imports them (no circle).
 */

/** A JSON-schema object (draft 2020-12), as ajv takes it. */
export type JsonSchema = { [key: string]: unknown };

/** A `{{ row.field }}` placeholder, as a JSON-schema `pattern` (templates only). */
export const PLACEHOLDER_PATTERN = '\\{\\{\\s*row\\.[A-Za-z_][A-Za-z0-9_-]*\\s*\\}\\}';

/**
 * In templates, a string with an enum (site `type`, `visibility`, list `template`, column `type`)
 * may instead be a placeholder; the expanded value is checked against the enum.
 */
export function enumOf(values: readonly string[], doc: { title: string; description: string }, template: boolean): JsonSchema {
  const e = { type: 'string', enum: [...values] };
  if (!template) return { ...doc, ...e };
  return { ...doc, anyOf: [e, { type: 'string', pattern: PLACEHOLDER_PATTERN }] };
}
