/**
 * Plain words for the schema's `pattern` errors: what a key or a value must look like, never the
 * regular expression itself (a reader of "does not match ^[^;\"<>|\t/]+$" must decode it). A key's
 * pattern says what keys are (map keys, language tags, with the likely tag meant); a value's
 * "none of these characters" pattern names the character found and the ones not allowed.
 */

/** What keys of each pattern the schema uses are, in words. */
const KEY_PATTERNS: Record<string, string> = {
  '^[A-Za-z_][A-Za-z0-9_-]*$': 'a letter or _ first, then letters, digits, _ or -',
  '^[a-z]{2,3}-[A-Z]{2}$': 'a language tag: the language in lower case, a hyphen, the region in upper case, as en-US or sv-SE',
};

/** The message for a key that does not match its pattern (`pn` the key as written). */
export function keyPatternMessage(pn: string, pattern: string): string {
  const words = KEY_PATTERNS[pattern];
  const tag = /^([a-z]{2,3})[-_]([a-z]{2})$/i.exec(pn);
  const guess = pattern === '^[a-z]{2,3}-[A-Z]{2}$' && tag ? ` (did you mean '${tag[1]!.toLowerCase()}-${tag[2]!.toUpperCase()}'?)` : '';
  return `'${pn}' is not a valid key${guess} (${words ?? `it must match ${pattern}`})`;
}

/** How a character not allowed reads in a message. */
function named(ch: string): string {
  if (ch === '\t') return 'a tab';
  if (ch === '\n') return 'a line break';
  return `'${ch}'`;
}

/**
 * The message for a value that does not match its pattern (`name` is how the message names the
 * property, e.g. `'name'`). A pattern of the form `^[^…]+$` (none of these characters) names the
 * first one found; any other says the value and the pattern.
 */
export function valuePatternMessage(name: string, data: unknown, pattern: string): string {
  const none = /^\^\[\^(.+)\]\+\$$/.exec(pattern);
  if (none && typeof data === 'string') {
    const re = new RegExp(`[${none[1]}]`, 'u');
    const found = re.exec(data)?.[0];
    const all = [...none[1]!.replace(/\\t/g, '\t').replace(/\\(.)/g, '$1')].map(named).join(' ');
    if (found !== undefined) return `${name} contains ${named(found)}, which is not allowed (none of ${all})`;
    if (data.length === 0) return `${name} is empty`;
  }
  return `${name} does not match ${pattern}`;
}
