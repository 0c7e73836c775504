/**
 * A replace shows the stated properties that differ as the kind compares them, and marks only
 * those that force it: a column whose type changes and whose display name differs shows the type
 * as forcing the replace and the display name as a plain difference (before, every differing key
 * read `# forces replacement`); a stated property the tenant already has gets no line. A saved
 * plan's replace without `changes` (written before they were added) still renders key by key.
 * Pure values.
 */
import { expect, test } from 'vitest';
import { columnAddress } from '../../src/kinds/column/model.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import type { Observed, ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import type { Plan } from '../../src/model/plan.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';

const address = columnAddress('site[/sites/a]/list[Register]', 'RegDate');
const id = '6f1d3c2e-0000-5000-8000-000000000001';
const planOf = (): Plan => {
  const resource: AnyDesiredResource = { kind: 'column', address, props: { name: 'RegDate', id, type: 'text', displayName: 'Ny', required: false } };
  const observed: Observed = new Map<string, ObservedState>([
    [address, { status: 'present', id, ids: {}, props: { name: 'RegDate', id, type: 'dateTime', displayName: 'Gammal', required: false } }],
  ]);
  return buildPlan({ file: 'b.yaml', resources: [resource] }, observed, KIND_RULES, { tenant: 't', now: '2026-12-07T00:00:00.000Z' });
};

test('a replace marks the property that forces it and leaves out what the tenant already has', () => {
  const plan = planOf();
  const change = plan.changes[0]!;
  expect(change.action).toBe('replace');
  expect(change.action === 'replace' && change.changes).toEqual([
    { name: 'type', before: 'dateTime', after: 'text', forcesReplacement: true },
    { name: 'displayName', before: 'Gammal', after: 'Ny' },
  ]);
  const text = renderPlanText(plan, { color: false });
  expect(text).toContain('~ type        = "dateTime" -> "text" # forces replacement');
  expect(text).toMatch(/~ displayName = "Gammal" -> "Ny"\n/);
  expect(text).not.toMatch(/required/);
});

test('a saved replace without its changes renders key by key, as before', () => {
  const plan = planOf();
  const old = { ...plan, changes: plan.changes.map((c) => (c.action === 'replace' ? { ...c, changes: undefined } : c)) } as Plan;
  expect(renderPlanText(old, { color: false })).toMatch(/~ type += "dateTime" -> "text" # forces replacement/);
});
