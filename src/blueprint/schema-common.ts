/**
 * What the blueprint schema's parts share (schema.ts and the kinds' fragments in
 * src/kinds/<kind>/schema.ts): the JSON-schema object type and the `{{ row.field }}` placeholder pattern.
 * The fragments import these from here, never from schema.ts, which imports them (no circle).
 */

/** A JSON-schema object (draft 2020-12), as ajv takes it. */
export type JsonSchema = { [key: string]: unknown };

/** A `{{ row.field }}` placeholder, as a JSON-schema `pattern` (templates only). */
export const PLACEHOLDER_PATTERN = '\\{\\{\\s*row\\.[A-Za-z_][A-Za-z0-9_-]*\\s*\\}\\}';
