/**
 * Every kind that lives in src/kinds/ is expanded from the blueprint exactly once: by its own
 * expansion, or by the expansion of exactly one kind group (KIND_GROUPS, e.g. the permission kinds).
 */
import { expect, test } from 'vitest';
import { DECLARED_KINDS } from '../../src/kinds/declared.ts';
import { KIND_GROUPS, KIND_SPECS } from '../../src/kinds/pure.ts';

test('each moved kind has one expansion: its own or one group\'s', () => {
  for (const { kind } of DECLARED_KINDS) {
    const own = KIND_SPECS[kind].expansion ? 1 : 0;
    const groups = KIND_GROUPS.filter((g) => g.kinds.includes(kind)).length;
    expect(own + groups, kind).toBe(1);
  }
  for (const g of KIND_GROUPS) for (const k of g.kinds) expect(Object.keys(KIND_SPECS), k).toContain(k);
});
