/**
 * The internal name SharePoint gives a field it names itself: `CreateFieldAsXml` without
 * `AddFieldInternalNameHint` (SP.AddFieldOptions 8) ignores `Name` and derives the name from the
 * display name, as do `fields/add` and `fields/addfield`, which take only a title.
 *
 * - Every character but ASCII letters, digits and `_` is written `_xHHHH_` (lower-case hex of
 *   the UTF-16 code unit): a space is `_x0020_`, `ä` is `_x00e4_`; a leading digit too.
 * - The result is cut at 32 characters (an escape may be cut in half, as the service does).
 * - A name that is taken in the collection gets a numeric suffix (`Status`, `Status0`,
 *   `Status1`...), the base cut so that the name stays within 32 characters (docs/local-tenant.md:
 *   the service's suffixing is not documented; this is the stricter reading).
 */

/** `SP.AddFieldOptions.AddFieldInternalNameHint`: use the SchemaXml's `Name` as the internal name. */
export const ADD_FIELD_INTERNAL_NAME_HINT = 8;

/** Longest internal name SharePoint derives. */
export const INTERNAL_NAME_MAX = 32;

/** The internal name derived from a display name, before it is made unique. */
export function deriveInternalName(display: string): string {
  let out = '';
  for (let i = 0; i < display.length; i++) {
    const ch = display[i]!;
    const keep = /[A-Za-z_]/.test(ch) || (i > 0 && /[0-9]/.test(ch));
    out += keep ? ch : `_x${display.charCodeAt(i).toString(16).padStart(4, '0')}_`;
    if (out.length >= INTERNAL_NAME_MAX) break;
  }
  return out.slice(0, INTERNAL_NAME_MAX) || 'Field';
}

/** `base`, or the first of `base0`, `base1`... (cut to fit 32 characters) that is not taken. */
export function uniqueInternalName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 0; i < 10_000; i++) {
    const suffix = String(i);
    const name = base.slice(0, INTERNAL_NAME_MAX - suffix.length) + suffix;
    if (!taken(name)) return name;
  }
  throw new Error(`no free internal name for '${base}'`);
}
