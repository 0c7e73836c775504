/**
 * The check both faces' route tables run for their tests: which entries no request can reach,
 * because an earlier entry serves every request they would (each face says what "covers" means
 * for its patterns). Quadratic in the table's size; run by tests, never per request.
 */

/** Each entry that an earlier one covers, with the first earlier entry that does. */
export function shadowedEntries<E, R>(entries: readonly E[], covers: (earlier: E, later: E) => boolean, routeOf: (e: E) => R): { route: R; by: R }[] {
  const out: { route: R; by: R }[] = [];
  entries.forEach((later, j) => {
    const by = entries.slice(0, j).find((earlier) => covers(earlier, later));
    if (by !== undefined) out.push({ route: routeOf(later), by: routeOf(by) });
  });
  return out;
}
