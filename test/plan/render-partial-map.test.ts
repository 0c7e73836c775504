/**
 * A partial map in a plan (a term's `labels`: only some language tags stated, the others kept)
 * reads as what apply does: only the stated keys change, the unstated ones are kept, in text;
 * the JSON plan keeps the whole `before` and the stated `after`, marked partial. Pure values.
 */
import { expect, test } from 'vitest';
import { termGroupAddress } from '../../src/kinds/term-group/model.ts';
import { termSetAddress } from '../../src/kinds/term-set/model.ts';
import { termAddress } from '../../src/kinds/term/model.ts';
import type { Observed, ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import { parsePlanJson, renderPlanJson } from '../../src/plan/render-json.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';

const term = termAddress(termSetAddress(termGroupAddress('G'), 'S'), 'Bygglov');
const resource: AnyDesiredResource = {
  kind: 'term',
  address: term,
  props: { path: 'Bygglov', name: 'Bygglov', language: 'sv-SE', labels: { 'en-US': 'Building permit', 'de-DE': 'Baugenehmigung' } },
};
const observed: Observed = new Map<string, ObservedState>([
  [term, { status: 'present', id: 't', ids: {}, props: { path: 'Bygglov', name: 'Bygglov', labels: { 'sv-SE': 'Bygglov', 'en-US': 'Building permission', 'fi-FI': 'Rakennuslupa' } } }],
]);
// A saved plan records its tenant (planDesired adds it from the token); a pure plan gets one here.
const plan = { ...buildPlan({ file: 'b.yaml', resources: [resource] }, observed, KIND_RULES, { tenant: 't', now: '2026-12-02T00:00:00.000Z' }), target: { tenantId: 't', host: 'contoso.sharepoint.com' } };

test('the plan marks a partial map and keeps its whole before and stated after', () => {
  const change = plan.changes[0]!;
  expect(change.action).toBe('update');
  if (change.action !== 'update') return;
  expect(change.changes).toEqual([
    {
      name: 'labels',
      before: { 'sv-SE': 'Bygglov', 'en-US': 'Building permission', 'fi-FI': 'Rakennuslupa' },
      after: { 'en-US': 'Building permit', 'de-DE': 'Baugenehmigung' },
      partial: true,
    },
  ]);
  const json = JSON.parse(renderPlanJson(plan));
  expect(json.changes[0].changes[0]).toMatchObject({ partial: true, before: { 'fi-FI': 'Rakennuslupa' } });
  expect(parsePlanJson(renderPlanJson(plan), 'p.json')).toEqual(plan);
});

test('text shows only the stated keys as changing and says the unstated ones are kept', () => {
  const text = renderPlanText(plan, { color: false });
  const lines = text.split('\n');
  expect(lines).toContain('      ~ labels = {');
  expect(lines).toContain('          ~ "en-US" = "Building permission" -> "Building permit"');
  expect(lines).toContain('          + "de-DE" = "Baugenehmigung"');
  expect(lines).toContain('            # (2 unchanged keys not shown; keys the blueprint does not state are kept)');
  // nothing reads as removed: the unstated languages are not on a changing line
  expect(text).not.toContain('sv-SE');
  expect(text).not.toContain('fi-FI');
  expect(text).not.toMatch(/labels = \{.*\} -> \{/);
});
