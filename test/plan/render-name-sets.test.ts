/**
 * An exact set of names (a role assignment's levels, a permission level's rights, a group's exact
 * members) changes by names added and removed, compared case-insensitively in any order: the
 * text shows `+ name` and `- name` and counts the rest, instead of two whole lists to compare by
 * eye; the JSON plan keeps both whole lists, marked `set`. Pure values.
 */
import { expect, test } from 'vitest';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import { roleAssignmentAddress } from '../../src/kinds/role-assignment/model.ts';
import type { Observed, ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';

const address = roleAssignmentAddress('site[/sites/a]/list[Beslut]', 'Handläggare');
const resource: AnyDesiredResource = { kind: 'roleAssignment', address, props: { principal: 'Handläggare', roles: ['Contribute', 'Read', 'Approve'] } };
const observed: Observed = new Map<string, ObservedState>([[address, { status: 'present', id: '7', ids: {}, props: { principal: 'Handläggare', roles: ['read', 'Edit', 'approve'] } }]]);
const plan = buildPlan({ file: 'b.yaml', resources: [resource] }, observed, KIND_RULES, { tenant: 't', now: '2026-12-07T00:00:00.000Z' });

test('a set of levels shows the names added and removed, case-insensitively, and counts the kept', () => {
  const change = plan.changes[0]!;
  expect(change.action === 'update' && change.changes).toEqual([{ name: 'roles', before: ['read', 'Edit', 'approve'], after: ['Contribute', 'Read', 'Approve'], set: true }]);
  const lines = renderPlanText(plan, { color: false }).split('\n');
  const at = lines.indexOf('      ~ roles = [');
  expect(lines.slice(at, at + 5)).toEqual(['      ~ roles = [', '          + "Contribute"', '          - "Edit"', '            # (2 unchanged not shown)', '        ]']);
});

test('the same levels in another order and case are no change', () => {
  const same: Observed = new Map<string, ObservedState>([[address, { status: 'present', id: '7', ids: {}, props: { principal: 'Handläggare', roles: ['approve', 'CONTRIBUTE', 'read'] } }]]);
  expect(buildPlan({ file: 'b.yaml', resources: [resource] }, same, KIND_RULES, { tenant: 't', now: '2026-12-07T00:00:00.000Z' }).changes[0]!.action).toBe('noop');
});
