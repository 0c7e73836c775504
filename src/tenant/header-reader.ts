/**
 * What the pacer reads of an answer's headers (`get`, `has`), and a reader over the plain
 * name-value object a `$batch` sub-answer carries. A `Headers` is one too; building one per
 * sub-answer (eight a workspace in a plan) cost more than the read it was built for
 * (docs/performance.md, issue 12, twenty-second pass).
 */

/** The two questions asked of an answer's headers; names are asked in lower case. */
export type HeaderReader = Pick<Headers, 'get' | 'has'>;

const NONE: HeaderReader = { get: () => null, has: () => false };

/**
 * A reader over a JSON object of headers, names matched case-insensitively as `Headers` matches
 * them; the object is read when asked (a sub-answer carries a few names, and the pacer asks for
 * four), not copied. A name given twice in different cases gives the first value (JSON has no
 * repeated names otherwise).
 */
export function headerReaderOf(record: Record<string, string> | undefined): HeaderReader {
  if (!record) return NONE;
  const find = (name: string): string | null => {
    const want = name.toLowerCase();
    for (const key in record) {
      const value = record[key];
      if (value !== undefined && key.length === want.length && key.toLowerCase() === want) return String(value);
    }
    return null;
  };
  return { get: find, has: (name) => find(name) !== null };
}
