/**
 * A content type's column links compare as a set in which the links every type inherits (Title,
 * FileLeafRef, ContentType) count only when stated, and apply removes only links that count: so
 * the plan's `before` is the links as compared, and a change that adds a link never shows an
 * inherited one as if it were removed. Pure values.
 */
import { expect, test } from 'vitest';
import { contentTypeAddress } from '../../src/kinds/content-type/model.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import type { Observed, ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';

const address = contentTypeAddress('site[/sites/a]', 'Beslut');
const id = '0x010100AA';
const resource: AnyDesiredResource = {
  kind: 'contentType',
  address,
  props: { name: 'Beslut', id, parentId: '0x0101', columns: [{ name: 'CaseNumber', required: true }, { name: 'Fee', required: false }] },
};
const observed: Observed = new Map<string, ObservedState>([
  [address, { status: 'present', id, ids: {}, props: { name: 'Beslut', id, parentId: '0x0101', columns: [{ name: 'Title', required: false }, { name: 'FileLeafRef', required: true }, { name: 'CaseNumber', required: true }, { name: 'Old', required: false }] } }],
]);
const plan = { ...buildPlan({ file: 'b.yaml', resources: [resource] }, observed, KIND_RULES, { tenant: 't', now: '2026-12-06T00:00:00.000Z' }), target: { tenantId: 't', host: 'contoso.sharepoint.com' } };

test('the links a type inherits are not in the change\'s before unless stated; the ones apply removes are', () => {
  const change = plan.changes[0]!;
  expect(change.action).toBe('update');
  if (change.action !== 'update') return;
  expect(change.changes).toEqual([
    {
      name: 'columns',
      before: [{ name: 'CaseNumber', required: true }, { name: 'Old', required: false }],
      after: [{ name: 'CaseNumber', required: true }, { name: 'Fee', required: false }],
      set: true,
    },
  ]);
  const text = renderPlanText(plan, { color: false });
  expect(text).toContain(['      ~ columns = [', '          + {"name":"Fee","required":false}', '          - {"name":"Old","required":false}', '            # (1 unchanged element not shown)', '        ]'].join('\n'));
  expect(text).not.toContain('Title');
  expect(text).not.toContain('FileLeafRef');
});

test('an inherited link the blueprint states is compared and shown', () => {
  const stated: AnyDesiredResource = { ...resource, props: { ...resource.props, columns: [{ name: 'Title', required: true }, { name: 'CaseNumber', required: true }, { name: 'Old', required: false }] } } as AnyDesiredResource;
  const p = buildPlan({ file: 'b.yaml', resources: [stated] }, observed, KIND_RULES, { tenant: 't', now: '2026-12-06T00:00:00.000Z' });
  const change = p.changes[0]!;
  expect(change.action === 'update' && change.changes[0]?.before).toEqual([{ name: 'Title', required: false }, { name: 'CaseNumber', required: true }, { name: 'Old', required: false }]);
});
