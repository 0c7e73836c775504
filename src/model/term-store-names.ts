/**
 * Names in the term store as it keeps them, pure (the expansions and the reads use them).
 */

/**
 * A name as the term store keeps it: spaces at its ends dropped (as the local tenant does; a name
 * compared so matches the service's either way), consecutive spaces made one and `&` made the full-width `＆`
 * (U+FF06). "The labelName value will be normalized to trim consecutive spaces into one and
 * replace the & character with the wide character version of the character (\uFF06)"
 * (TermSetItem.CreateTerm): a blueprint's `A & B` is read back as `A ＆ B`, so the expansion
 * states names so, and names are compared so.
 */
export function storedName(name: string): string {
  return name.trim().replace(/ {2,}/g, ' ').replace(/&/g, '\uFF06');
}

/** Names per language (a set's `names`, a term's `labels`) as the term store keeps them. */
export function storedNames<T extends Record<string, string> | undefined>(names: T): T {
  if (!names) return names;
  return Object.fromEntries(Object.entries(names).map(([tag, n]) => [tag, typeof n === 'string' ? storedName(n) : n])) as T;
}
