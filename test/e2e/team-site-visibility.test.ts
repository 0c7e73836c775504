/**
 * A team site's visibility: making a private group public opens its files and conversations to
 * the whole organisation, so the plan marks it destructive and apply refuses it without
 * allow-wider-sharing; with the flag the group becomes public and the plan converges; making it
 * private again is a plain update.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runApply } from '../../src/engine/run-apply.ts';
import type { Target } from '../../src/tenant/target.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf, engineSteps } from '../support/engine-steps.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { stateDirOf } from '../../src/tenant/target.ts';

const blueprint = (visibility: 'Private' | 'Public') => `version: 1
name: visibility
sites:
  - url: /sites/vis-team
    type: team
    title: Vis team
    visibility: ${visibility}
    owners: [anna.andersson@contoso.onmicrosoft.com]
`;

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('team-site-visibility'));
});
afterAll(async () => {
  await target?.close();
});

async function visibility(): Promise<string | null> {
  const found = await target.client.graph.get<{ value: { visibility: string | null }[] }>(`/groups?$filter=mailNickname eq 'vis-team'&$select=visibility`);
  return found.value[0]!.visibility;
}

const planOf = async (text: string) => planDesired(await desiredOf(text, 'visibility.yaml'), target.client, target.name);

test('private to public needs allow-wider-sharing; public to private is a plain update', async () => {
  const steps = engineSteps(() => target, 'visibility.yaml');
  await steps.applyAndConverge(blueprint('Private'));
  expect(await visibility()).toBe('Private');

  const opened = await planOf(blueprint('Public'));
  const change = opened.changes.find((c) => c.address === 'site[/sites/vis-team]');
  expect(change?.action).toBe('update');
  expect(change?.destructive).toMatchObject({ flag: 'allow-wider-sharing' });

  const refused = await runApply({
    tenant: target.client,
    tenantName: target.name,
    stateDir: stateDirOf(await mkdtemp(join(tmpdir(), 'provision-state-'))),
    source: { plan: opened },
    concurrency: 8,
  });
  expect(refused.status).toBe('consent-refused');
  if (refused.status === 'consent-refused') expect(refused.refused.map((c) => c.address)).toEqual(['site[/sites/vis-team]']);
  expect(await visibility()).toBe('Private');

  const allowed = await applyRun(target, await planOf(blueprint('Public')), { allow: ['allow-wider-sharing'] });
  expect(allowed.failed).toEqual([]);
  expect(await visibility()).toBe('Public');
  expect(isEmptyPlan(await planOf(blueprint('Public')))).toBe(true);

  const closed = await planOf(blueprint('Private'));
  const back = closed.changes.find((c) => c.address === 'site[/sites/vis-team]');
  expect(back?.action).toBe('update');
  expect(back?.destructive).toBeUndefined();
  await steps.applyAndConverge(blueprint('Private'));
  expect(await visibility()).toBe('Private');
}, 120_000);
