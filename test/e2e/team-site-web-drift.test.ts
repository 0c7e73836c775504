/**
 * A team site's title and description are its group's and its site's (web's): a change made
 * behind the engine's back through SharePoint, on the web and not on the group, is drift that the
 * plan shows, and apply puts the web back (held-out blueprint of issue 8). Converges.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Target } from '../../src/tenant/target.ts';
import { engineSteps } from '../support/engine-steps.ts';
import { openLocalTarget } from '../support/apply-run.ts';

const SITE = '/sites/web-drift';
const text = `version: 1
name: web-drift
sites:
  - url: ${SITE}
    type: team
    title: Bygglov
    description: Ärenden om bygglov
    owners: [anna.andersson@contoso.onmicrosoft.com]
`;

let target: Target;
const { changesOf, applyAndConverge } = engineSteps(() => target, 'web-drift.yaml');

beforeAll(async () => {
  ({ target } = await openLocalTarget('web-drift'));
});
afterAll(async () => {
  await target?.close();
});

async function web(): Promise<{ Title: string; Description: string }> {
  return target.client.sp.get(`${SITE.slice(1)}/_api/web?$select=Title,Description`);
}

async function group(): Promise<{ displayName: string; description: string | null }> {
  const found = await target.client.graph.get<{ value: { displayName: string; description: string | null }[] }>(`/groups?$filter=mailNickname eq 'web-drift'&$select=displayName,description`);
  return found.value[0]!;
}

test('the web title and description changed through SharePoint are drift, and apply restores them', async () => {
  await applyAndConverge(text);
  expect(await web()).toMatchObject({ Title: 'Bygglov', Description: 'Ärenden om bygglov' });

  // Behind the engine's back: the site's own settings, not the group.
  const site = (await target.client.graph.find<{ webUrl: string }>(`/sites/${target.client.sharepointHost}:${SITE}`))!;
  await target.client.sp.call(() => target.client.sp.web(site.webUrl).web.update({ Title: 'Gammalt namn', Description: 'Ändrad i SharePoint' }));
  expect(await group()).toMatchObject({ displayName: 'Bygglov', description: 'Ärenden om bygglov' });

  const changes = await changesOf(text);
  expect(changes.map((c) => (c.action === 'update' ? [c.address, c.changes] : [c.address, c.action]))).toEqual([
    [
      `site[${SITE}]`,
      [
        { name: 'title', before: 'Gammalt namn', after: 'Bygglov' },
        { name: 'description', before: 'Ändrad i SharePoint', after: 'Ärenden om bygglov' },
      ],
    ],
  ]);
  await applyAndConverge(text);
  expect(await web()).toMatchObject({ Title: 'Bygglov', Description: 'Ärenden om bygglov' });
  expect(await group()).toMatchObject({ displayName: 'Bygglov', description: 'Ärenden om bygglov' });
});
