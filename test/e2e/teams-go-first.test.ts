/**
 * Apply starts the work that never waits for SharePoint's budget (a team, its channels, members
 * and tabs: `writesOutsideSharePoint`) ahead of the SharePoint work made ready before it, so a
 * team's minutes at the service overlap its site's libraries and columns instead of following
 * them (issue 12: some benchmark runs ended with minutes of teams alone). One change at a time,
 * so the order is the scheduler's alone; read from the apply's events. Converges.
 */
import { expect, test } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { teamSitesBlueprint } from '../support/team-sites-blueprint.ts';

const SITES = 2;
const text = teamSitesBlueprint({
  name: 'teams-first',
  prefix: 'teams-first',
  title: 'Teams first',
  count: SITES,
  extra: `    columns:
      - { name: Diarienummer, type: text }
      - { name: Beslutsdatum, type: dateTime }
    lists:
      - { url: Beslut, template: documentLibrary }
      - { url: Underlag, template: documentLibrary }
    team:
      members: [erik.johansson@contoso.onmicrosoft.com]
      channels:
        - name: Projekt
          tabs:
            - { name: Webb, website: https://example.org/a }
        - name: Ledning
`,
});

test('a team, its channels, members and tabs start before the SharePoint work of their site that was ready first', async () => {
  const desired = await desiredOf(text, 'teams-first.yaml');
  await withLocalTarget('teams-first', async (target) => {
    const plan = await planDesired(desired, target.client, target.name);
    const started: string[] = [];
    const result = await applyRun(target, plan, { concurrency: 1, onEvent: (e: ApplyEvent) => void (e.type === 'started' && started.push(e.address)) });
    expect(result.failed).toEqual([]);
    for (let i = 0; i < SITES; i++) {
      const site = `site[/sites/teams-first-${i}]`;
      const under = started.filter((a) => a.startsWith(`${site}/`));
      const teamWork = under.filter((a) => a.startsWith(`${site}/team`));
      const sharePointWork = under.filter((a) => !a.startsWith(`${site}/team`));
      // the team, two channels, a tab, two members (anna, the group's owner, and erik)
      expect(teamWork.length).toBeGreaterThanOrEqual(5);
      expect(sharePointWork.length).toBeGreaterThanOrEqual(4);
      const lastTeamWork = Math.max(...teamWork.map((a) => started.indexOf(a)));
      const firstSharePointWork = Math.min(...sharePointWork.map((a) => started.indexOf(a)));
      expect(lastTeamWork, `${site}: ${under.join(', ')}`).toBeLessThan(firstSharePointWork);
    }
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  });
}, 120_000);
