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
 * them. A name given twice in different cases keeps the first value (JSON has no repeated names
 * otherwise).
 */
export function headerReaderOf(record: Record<string, string> | undefined): HeaderReader {
  if (!record) return NONE;
  const byName = new Map<string, string>();
  for (const name in record) {
    const value = record[name];
    const key = name.toLowerCase();
    if (value !== undefined && !byName.has(key)) byName.set(key, String(value));
  }
  if (byName.size === 0) return NONE;
  return { get: (name) => byName.get(name.toLowerCase()) ?? null, has: (name) => byName.has(name.toLowerCase()) };
}
