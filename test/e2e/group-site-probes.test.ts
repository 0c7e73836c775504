/**
 * The probes of a new group's site (issue 12): each costs SharePoint's budget, so the engine
 * probes at once, at 30 s, then every 15 s until the group is a minute old (the few sites that
 * come that soon start a rollout's work), then every 30 s, the gap growing with the wait (at
 * most a minute). Counted from the local tenant's charges (`sharepointByOperation`, $batch
 * sub-requests included): a site that appears 400 simulated seconds after its group costs 13
 * probes (at 0, 30, 45, 60, 90, 120, 150, 180, 210, 248, 294, 353 and 413 s), not 29 (every
 * 15 s: 0, 15, ... 420); each probe may come up to 30 s later than planned (the group's answer,
 * the batcher) without changing either count by more than one.
 */
import { expect, test } from 'vitest';
import { applyCountingSiteProbes } from '../support/apply-counting.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: probes
sites:
  - url: /sites/probed-site
    type: team
    title: Probed site
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - { url: Dokument, template: documentLibrary }
`;

test('a group site that appears after 400 s is probed at most 14 times, not every 15 s, and the apply converges', async () => {
  // 100x: the site appears 4 s after its group.
  const { probes, result } = await applyCountingSiteProbes('probes', await desiredOf(text, 'probes.yaml'), 400_000);
  expect(result.succeeded).toEqual(['site[/sites/probed-site]', 'site[/sites/probed-site]/list[Dokument]']);
  expect(probes).toBeGreaterThanOrEqual(11);
  expect(probes).toBeLessThanOrEqual(14);
});
