/**
 * A list's default view pruned while the blueprint makes another view the default: SharePoint
 * deletes no list's default view, so the delete must run after the other view is made the
 * default, a new one (a create) or one the list has (an update). One apply each way, no failure,
 * and a fresh plan is empty; the tenant keeps only the declared views, with the declared default.
 * Without another view made the default, the plan shows the prune as not acted on.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTarget, type Target } from '../../src/tenant/target.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { applyRun } from '../support/apply-run.ts';
import { desiredOf, engineSteps } from '../support/engine-steps.ts';

const SITE = '/sites/default-view-prune';

/** `first`: Pågående and Beslutade are the defaults; otherwise Öppna (new) and Alla beslut (kept) are. */
function blueprint(first: boolean): string {
  return `version: 1
name: default-view-prune
prune: [view]
sites:
  - url: ${SITE}
    type: communication
    title: Default view prune
    owner: anna.andersson@contoso.onmicrosoft.com
    lists:
      - url: Arenden
        template: documentLibrary
        views:
${first ? '          - { name: Pågående, columns: [LinkFilename], default: true }\n' : '          - { name: Öppna, columns: [LinkFilename, Modified], default: true }\n'}      - url: Beslut
        template: documentLibrary
        views:
${first ? '          - { name: Beslutade, columns: [LinkFilename], default: true }\n          - { name: Alla beslut, columns: [LinkFilename] }\n' : '          - { name: Alla beslut, columns: [LinkFilename], default: true }\n'}`;
}

let target: Target;
const { changesOf, applyAndConverge } = engineSteps(() => target, 'default-view-prune.yaml');

beforeAll(async () => {
  target = await openTarget({ tenant: 'local', cwd: await mkdtemp(join(tmpdir(), 'provision-default-view-')) });
});
afterAll(async () => {
  await target?.close();
});

async function views(list: string): Promise<string[]> {
  const web = target.client.sp.web(`https://${target.client.sharepointHost}${SITE}`).web;
  const all = await web.lists.getByTitle(list).views.select('Title', 'DefaultView', 'Hidden')<{ Title: string; DefaultView: boolean; Hidden: boolean }[]>();
  return all.filter((v) => !v.Hidden).map((v) => `${v.Title}${v.DefaultView ? ' (default)' : ''}`).sort();
}

test("a list's default view is pruned after another is made the default, in one apply each way", async () => {
  await applyAndConverge(blueprint(true));
  expect(await views('Arenden')).toContain('Pågående (default)');
  expect(await views('Beslut')).toContain('Beslutade (default)');

  const changes = await changesOf(blueprint(false));
  expect(changes.map((c) => `${c.action} ${c.address}`).sort()).toEqual([
    `create site[${SITE}]/list[Arenden]/view[Öppna]`,
    `delete site[${SITE}]/list[Arenden]/view[Pågående]`,
    `delete site[${SITE}]/list[Beslut]/view[Beslutade]`,
    `update site[${SITE}]/list[Beslut]/view[Alla beslut]`,
  ]);
  await applyAndConverge(blueprint(false));
  expect(await views('Arenden')).toEqual(expect.arrayContaining(['Öppna (default)']));
  expect(await views('Arenden')).not.toContain('Pågående');
  expect(await views('Beslut')).toEqual(expect.arrayContaining(['Alla beslut (default)']));
  expect((await views('Beslut')).filter((v) => v.startsWith('Beslutade'))).toEqual([]);

  // and back: the views made defaults now are the ones pruned
  await applyAndConverge(blueprint(true));
  expect(await views('Arenden')).toContain('Pågående (default)');
  expect((await views('Arenden')).filter((v) => v.startsWith('Öppna'))).toEqual([]);

  // no view of Arenden made the default: the prune of its default view is shown, never planned
  const dropped = blueprint(true).replace('          - { name: Pågående, columns: [LinkFilename], default: true }\n', '          - { name: Ny, columns: [LinkFilename] }\n');
  const shown = await changesOf(dropped);
  expect(shown.find((c) => c.address === `site[${SITE}]/list[Arenden]/view[Pågående]`)).toMatchObject({ action: 'unknown', reason: expect.stringContaining("SharePoint deletes no list's default view") });
  expect(shown.filter((c) => c.action === 'delete')).toEqual([]);
  // apply leaves it, saying why, and fails nothing
  const result = await applyRun(target, await planDesired(await desiredOf(dropped, 'default-view-prune.yaml'), target.client, target.name), { concurrency: 4 });
  expect(result.failed).toEqual([]);
  expect(result.skipped).toEqual([{ address: `site[${SITE}]/list[Arenden]/view[Pågående]`, because: expect.stringMatching(/^prune will not act on it: it is the default view of its list/) }]);
  expect(await views('Arenden')).toContain('Pågående (default)');
});
