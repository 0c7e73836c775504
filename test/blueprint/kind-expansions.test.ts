/**
 * Every kind that lives in src/kinds/ is expanded from the blueprint exactly once: by its own
 * expansion, by the expansion of exactly one kind group (KIND_GROUPS, e.g. the permission kinds),
 * or, as its spec says (`expandedBy`), by the kind that nests it (whose own expansion it then
 * has) or by the expander itself (the containers: sites and lists).
 */
import { expect, test } from 'vitest';
import { DECLARED_KINDS } from '../../src/kinds/declared.ts';
import { KIND_GROUPS, KIND_SPECS } from '../../src/kinds/pure.ts';

test('each moved kind has one expansion: its own or one group\'s', () => {
  for (const { kind } of DECLARED_KINDS) {
    const own = KIND_SPECS[kind].expansion ? 1 : 0;
    const groups = KIND_GROUPS.filter((g) => g.kinds.includes(kind)).length;
    const by = KIND_SPECS[kind].expandedBy;
    const nested = by === undefined ? 0 : 1;
    expect(own + groups + nested, kind).toBe(1);
    if (by !== undefined && by !== 'expander') expect(KIND_SPECS[by as keyof typeof KIND_SPECS]?.expansion, `${kind} is expanded by ${by}`).toBeDefined();
  }
  for (const g of KIND_GROUPS) for (const k of g.kinds) expect(Object.keys(KIND_SPECS), k).toContain(k);
});
