/** The kinds a blueprint may prune are exactly the kinds whose provider can list and delete what exists. */
import { expect, test } from 'vitest';
import { PRUNE_KINDS, type ResourceKind } from '../../src/model/resources.ts';
import { kindsOf } from '../../src/observe/read-existing.ts';
import type { Kind } from '../../src/kinds/kind-effects.ts';
import { kinds as providers } from '../../src/kinds/registry.ts';

test('PRUNE_KINDS and the providers that can prune agree', () => {
  const prunable = Object.entries(providers)
    .filter(([, p]) => (p as Kind<ResourceKind>).listExisting && (p as Kind<ResourceKind>).delete)
    .map(([kind]) => kind)
    .filter((kind) => kind !== 'teamSite' && kind !== 'commSite');
  expect([...PRUNE_KINDS].filter((k) => k !== 'site').sort()).toEqual(prunable.sort());
  for (const kind of PRUNE_KINDS) {
    for (const k of kindsOf(kind)) {
      const p = providers[k] as Kind<ResourceKind>;
      // Sites are found through the ownership ledger; the others list what exists.
      if (kind !== 'site') expect(p.listExisting, k).toBeDefined();
      expect(p.delete, k).toBeDefined();
    }
  }
});
