/**
 * buildPlan marks the site settings changes that need custom script allowed (pure: in-memory
 * desired and observed values): a property bag or theme write on a site that denies it, or on a
 * site the apply creates; not when the site allows it, nor for settings that do not need it.
 */
import { expect, test } from 'vitest';
import { siteAddress } from '../../src/kinds/site/model.ts';
import { siteSettingsAddress, type SiteSettingsProps } from '../../src/kinds/site-settings/model.ts';
import type { ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';

const site = siteAddress('/sites/hr');
const settings = siteSettingsAddress(site);
const ctx = { tenant: 'test', now: '2026-12-02T00:00:00.000Z' };

function planOf(props: Partial<SiteSettingsProps>, observed: ObservedState) {
  const resources: AnyDesiredResource[] = [{ kind: 'siteSettings', address: settings, props: { siteUrl: '/sites/hr', ...props } }];
  return buildPlan({ file: 'b.yaml', resources }, new Map([[settings, observed]]), KIND_RULES, ctx);
}

const seen = (props: Partial<SiteSettingsProps>): ObservedState => ({ status: 'present', id: '/sites/hr', ids: { siteId: 'h,s,w', webUrl: 'https://contoso.sharepoint.com/sites/hr' }, props: { siteUrl: '/sites/hr', ...props } });

test('a property bag or theme write on a site that denies custom script is marked, with the site', () => {
  const bag = planOf({ propertyBag: { k: 'new' } }, seen({ propertyBag: { k: 'old' }, customScriptDenied: true })).changes[0]!;
  expect(bag.action).toBe('update');
  expect(bag.customScript).toEqual({ site: '/sites/hr', reason: expect.stringContaining('the site denies it (DenyAddAndCustomizePages)') });
  const theme = planOf({ theme: 'Sommar' }, seen({ theme: 'Botkyrka', customScriptDenied: true })).changes[0]!;
  expect(theme.customScript?.site).toBe('/sites/hr');
});

test('a site the apply creates denies it: a create that writes the property bag is marked', () => {
  const plan = planOf({ propertyBag: { k: 'v' }, timeZoneId: 4 }, { status: 'absent' });
  expect(plan.changes[0]!.action).toBe('create');
  expect(plan.changes[0]!.customScript?.reason).toContain('a new modern site denies it');
  const text = renderPlanText(plan, { color: false });
  expect(text).toContain('# !! NEEDS CUSTOM SCRIPT on /sites/hr');
  expect(text).toContain('1 change needs custom script allowed on /sites/hr: apply refuses it without --allow-custom-script');
});

test('not marked: a site that allows it, settings that need no custom script, no change', () => {
  expect(planOf({ propertyBag: { k: 'new' } }, seen({ propertyBag: { k: 'old' }, customScriptDenied: false })).changes[0]!.customScript).toBeUndefined();
  const tz = planOf({ propertyBag: { k: 'v' }, timeZoneId: 4 }, seen({ propertyBag: { k: 'v' }, timeZoneId: 2, customScriptDenied: true })).changes[0]!;
  expect(tz.action).toBe('update');
  expect(tz.customScript).toBeUndefined();
  expect(planOf({ timeZoneId: 4 }, { status: 'absent' }).changes[0]!.customScript).toBeUndefined();
  const same = planOf({ propertyBag: { k: 'v' } }, seen({ propertyBag: { k: 'v' }, customScriptDenied: true }));
  expect(same.changes[0]!.action).toBe('noop');
  expect(renderPlanText(same, { color: false })).not.toContain('CUSTOM SCRIPT');
});
