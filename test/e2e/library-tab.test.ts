/**
 * A channel's library tab: a library the blueprint declares on the site is made before the tab
 * that opens it (one apply, converged); a library the site does not have (BP507 warns of it) is
 * refused at apply with a message that names it and the site's libraries, and no tab is made that
 * would open nothing; the rest of the apply goes on.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { openTarget, type Target } from '../../src/tenant/target.ts';
import { applyRun } from '../support/apply-run.ts';
import { desiredOf, engineSteps } from '../support/engine-steps.ts';

const SITE = '/sites/library-tab';

function blueprint(missingTab: boolean): string {
  return `version: 1
name: library-tab
sites:
  - url: ${SITE}
    type: team
    title: Library tab
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - { url: Material, title: Material, template: documentLibrary }
    team:
      channels:
        - name: Utbildningar
          tabs:
            - { name: Material, library: Material }
${missingTab ? '            - { name: Arkiv, library: Arkivet }\n' : ''}`;
}

let target: Target;
const { applyAndConverge } = engineSteps(() => target, 'library-tab.yaml');

beforeAll(async () => {
  target = await openTarget({ tenant: 'local', cwd: await mkdtemp(join(tmpdir(), 'provision-library-tab-')) });
});
afterAll(async () => {
  await target?.close();
});

async function tabNames(): Promise<string[]> {
  const graph = target.client.graph;
  const [group] = await graph.list<{ id: string }>(`/groups?$filter=mailNickname eq 'library-tab'&$select=id`);
  const [channel] = await graph.list<{ id: string }>(`/teams/${group!.id}/channels?$filter=displayName eq 'Utbildningar'&$select=id`);
  const tabs = await graph.list<{ displayName: string; configuration?: { contentUrl?: string } }>(`/teams/${group!.id}/channels/${encodeURIComponent(channel!.id)}/tabs?$expand=teamsApp`);
  return tabs.map((t) => `${t.displayName} ${t.configuration?.contentUrl ?? ''}`).sort();
}

test('a declared library is made before its tab; a library the site does not have is refused, and the rest goes on', async () => {
  // the tab and its library in one apply, on a site the apply makes
  const first = await applyAndConverge(blueprint(false));
  expect(first.changes.find((c) => c.address === `site[${SITE}]/team/channel[Utbildningar]/tab[Material]`)?.dependsOn).toContain(`site[${SITE}]/list[Material]`);
  expect(await tabNames()).toEqual([`Material https://contoso.sharepoint.com${SITE}/Material`]);

  // a tab to a library that is neither declared nor there
  const desired = await desiredOf(blueprint(true), 'library-tab.yaml');
  const plan = await planDesired(desired, target.client, target.name);
  expect(plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([`create site[${SITE}]/team/channel[Utbildningar]/tab[Arkiv]`]);
  const result = await applyRun(target, plan, { concurrency: 4 });
  expect(result.failed).toEqual([
    { address: `site[${SITE}]/team/channel[Utbildningar]/tab[Arkiv]`, error: expect.stringMatching(/the team's site has no library 'Arkivet' for the tab to open \(it has: .*Material.*\): declare the library on the site, or name one it has/) },
  ]);
  expect(await tabNames()).toEqual([`Material https://contoso.sharepoint.com${SITE}/Material`]);
});
