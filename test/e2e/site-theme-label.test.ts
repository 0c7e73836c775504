/**
 * Site settings' theme and sensitivity label through the engine (in-process, over HTTP to the
 * local tenant): a tenant theme applied from empty and recorded in the property bag, converged,
 * changed (exactly that update), an unknown theme failing with the tenant's themes named; a
 * communication site's label applied through the tenant admin API, converged and changed; a
 * group-connected site's label planned as not applied (app-only), apply succeeding without it,
 * and every later plan showing it again.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadBlueprintText } from '../../src/blueprint/index.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { Change } from '../../src/model/change.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';
import { desiredOf, engineSteps } from '../support/engine-steps.ts';
import { openTarget, type Target } from '../../src/tenant/target.ts';
import { applyRun } from '../support/apply-run.ts';

const OWNER = 'anna.andersson@contoso.onmicrosoft.com';
const INTERN = 'b7b2f2f1-6c1f-4d2b-8b4f-1e2d3c4b5a61';
const KONFIDENTIELL = 'c8c3f3f2-7d20-4e3c-9c50-2f3e4d5c6b72';

let target: Target;
const { changesOf, applyAndConverge } = engineSteps(() => target, 'theme-label.yaml', { skipsAllowed: true, allowCustomScript: true });

beforeAll(async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-theme-label-'));
  target = await openTarget({ tenant: 'local', cwd });
});

afterAll(async () => {
  await target?.close();
});

function commSite(o: { theme?: string; label?: string } = {}): string {
  const settings = [o.theme ? `theme: ${o.theme}` : '', o.label ? `sensitivityLabel: ${o.label}` : ''].filter(Boolean).join(', ');
  return `
version: 1
name: theme-label-test
sites:
  - url: /sites/tl-entry
    type: communication
    title: Entré
    owner: ${OWNER}
    settings: { localeId: 1053${settings ? `, ${settings}` : ''} }
`;
}




const sp = (path: string) => target.client.sp.get<Record<string, unknown>>(path);

async function themeData(site: string): Promise<{ palette: Record<string, string> } | null> {
  // PnPjs unwraps `value`: the answer is the theme JSON string itself
  const r = (await sp(`${site.slice(1)}/_api/SP.Web.GetContextWebThemeData`)) as unknown as string | null;
  return typeof r === 'string' ? JSON.parse(r) : null;
}

async function siteLabel(site: string): Promise<string> {
  const s = (await sp(`${site.slice(1)}/_api/site?$select=Id`)) as { Id: string };
  const p = await target.client.sp.admin.get<{ SensitivityLabel2: string }>(`_api/SPO.Tenant/sites('${s.Id}')?$select=SensitivityLabel2`);
  return p.SensitivityLabel2;
}

test('theme: applied from empty and recorded, converged; changed gives exactly that update; unknown theme is a clear error', async () => {
  await applyAndConverge(commSite({ theme: 'Botkyrka' }));
  expect((await sp('sites/tl-entry/_api/web/AllProperties')).m365provision_x002e_theme).toBe('Botkyrka');
  expect((await themeData('/sites/tl-entry'))!.palette.themePrimary).toBe('#00573f');

  // a theme added to the tenant (Add-SPOTheme) can be used by name
  const added = await target.client.sp.post<{ value: boolean }>('_api/thememanager/AddTenantTheme', {
    name: 'Sommar',
    themeJson: JSON.stringify({ isInverted: false, palette: { themePrimary: '#e07000', white: '#ffffff', primaryText: '#323130' } }),
  });
  expect(added === (true as unknown) || (added as { value?: boolean }).value === true).toBe(true);
  const changes = await changesOf(commSite({ theme: 'Sommar' }));
  expect(changes.map((c) => `${c.action} ${c.address}`)).toEqual(['update site[/sites/tl-entry]/settings']);
  const ch = changes[0]!;
  expect(ch.action === 'update' ? ch.changes.map((d) => [d.name, d.before, d.after]) : []).toEqual([['theme', 'Botkyrka', 'Sommar']]);
  await applyAndConverge(commSite({ theme: 'Sommar' }));
  expect((await themeData('/sites/tl-entry'))!.palette.themePrimary).toBe('#e07000');
  expect((await sp('sites/tl-entry/_api/web/AllProperties')).m365provision_x002e_theme).toBe('Sommar');

  // the name is compared without case
  expect(await changesOf(commSite({ theme: 'sommar' }))).toEqual([]);

  // an unknown theme: the apply fails, naming the tenant's themes; nothing is recorded
  const desired = await desiredOf(commSite({ theme: 'Regnbåge' }));
  const plan = await planDesired(desired, target.client, target.name);
  const result = await applyRun(target, plan, { concurrency: 8, allowCustomScript: true });
  expect(result.failed).toHaveLength(1);
  expect(result.failed[0]!.error).toContain("theme 'Regnbåge' is not a theme of this tenant");
  expect(result.failed[0]!.error).toContain('Botkyrka, Kontrast, Sommar');
  expect((await sp('sites/tl-entry/_api/web/AllProperties')).m365provision_x002e_theme).toBe('Sommar');
});

test('communication site label: applied through the admin API by name, converged; changed (by id) gives exactly that change', async () => {
  await applyAndConverge(commSite({ theme: 'Sommar', label: 'Intern' }));
  expect(await siteLabel('/sites/tl-entry')).toBe(INTERN);

  const changes = await changesOf(commSite({ theme: 'Sommar', label: KONFIDENTIELL }));
  expect(changes.map((c) => `${c.action} ${c.address}`)).toEqual(['update site[/sites/tl-entry]/settings']);
  const ch = changes[0]!;
  expect(ch.action === 'update' ? ch.changes.map((d) => [d.name, d.before, d.after]) : []).toEqual([['sensitivityLabel', INTERN, KONFIDENTIELL]]);
  expect(ch.notApplied).toBeUndefined();
  await applyAndConverge(commSite({ theme: 'Sommar', label: KONFIDENTIELL }));
  expect(await siteLabel('/sites/tl-entry')).toBe(KONFIDENTIELL);
  // the same label by name is no change
  expect(await changesOf(commSite({ theme: 'Sommar', label: 'konfidentiell' }))).toEqual([]);

  // an unknown name fails the apply, naming the tenant's labels
  const plan = await planDesired(await desiredOf(commSite({ theme: 'Sommar', label: 'Hemlig' })), target.client, target.name);
  const failed = (await applyRun(target, plan, { concurrency: 8, allowCustomScript: true })).failed;
  expect(failed.map((f) => f.error).join('\n')).toContain("sensitivity label 'Hemlig' is not published in this tenant (labels: Offentlig, Intern, Konfidentiell)");
  // an unknown id is the service's error
  const plan2 = await planDesired(await desiredOf(commSite({ theme: 'Sommar', label: '11111111-2222-4333-8444-555555555555' })), target.client, target.name);
  const failed2 = (await applyRun(target, plan2, { concurrency: 8, allowCustomScript: true })).failed;
  expect(failed2.map((f) => f.error).join('\n')).toContain('does not exist or is not published');
  expect(await siteLabel('/sites/tl-entry')).toBe(KONFIDENTIELL);
});

test('group-connected site label: planned as not applicable app-only, apply succeeds without it, later plans show it again', async () => {
  const text = `
version: 1
name: theme-label-team
sites:
  - url: /sites/tl-team
    type: team
    title: Team
    owners: [${OWNER}]
    settings: { timeZoneId: 4, sensitivityLabel: Intern }
`;
  const load = await loadBlueprintText(text, 'team.yaml');
  expect(load.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['BP566 warning']);
  const desired = load.desired!;
  const plan = await planDesired(desired, target.client, target.name);
  const settings = plan.changes.find((c) => c.address === 'site[/sites/tl-team]/settings')!;
  expect(settings.action).toBe('create');
  expect(settings.notApplied?.props).toEqual(['sensitivityLabel']);
  expect(settings.notApplied?.reason).toContain('delegated permissions');
  const rendered = renderPlanText(plan, { color: false });
  expect(rendered).toContain('! sensitivityLabel: will not be applied: the site is group-connected');

  const result = await applyRun(target, plan, { concurrency: 8, allowCustomScript: true });
  expect(result.failed).toEqual([]);
  expect(result.succeeded).toContain('site[/sites/tl-team]/settings');
  expect(((await sp('sites/tl-team/_api/web/RegionalSettings/TimeZone')) as { Id: number }).Id).toBe(4);
  expect(await siteLabel('/sites/tl-team')).toBe('');

  // honest drift: the next plan shows exactly the label, not applied; it counts as a change
  const again = await planDesired(desired, target.client, target.name);
  const left = again.changes.filter((c) => c.action !== 'noop');
  expect(left.map((c) => `${c.action} ${c.address}`)).toEqual(['update site[/sites/tl-team]/settings']);
  const ch = left[0]!;
  expect(ch.action === 'update' ? ch.changes.map((d) => d.name) : []).toEqual(['sensitivityLabel']);
  expect(ch.notApplied?.props).toEqual(['sensitivityLabel']);
  expect(isEmptyPlan(again)).toBe(false);
  expect(JSON.parse(JSON.stringify(again)).changes.find((c: Change) => c.address === ch.address).notApplied.reason).toContain('app-only');
  // applying it again succeeds and changes nothing
  const second = await applyRun(target, again, { concurrency: 8, allowCustomScript: true });
  expect(second.failed).toEqual([]);
  expect(await siteLabel('/sites/tl-team')).toBe('');
});
