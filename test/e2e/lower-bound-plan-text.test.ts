/**
 * Owners and members the blueprint states are a lower bound (a team site's owners, a channel's
 * owners and members, a SharePoint group's members): apply adds the missing names and keeps the
 * others, so the plan must say exactly that. Applied, then the blueprint names one more person in
 * each list (and turns off one team setting, a partial map): the plan's text and Markdown show
 * the names to add and a note on those already there, never the kept names on a changing line
 * (before, the whole list read `[kept…] -> [stated]`, as if the kept people were removed); a
 * group whose members are exact (`pruneMembers`) shows the names it gains. The apply then keeps
 * everyone who was there, adds the new names, and the plan after it is empty.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { renderPlanMarkdown } from '../../src/plan/render-markdown.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';
import type { Target } from '../../src/tenant/target.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const D = '@contoso.onmicrosoft.com';
const blueprint = (more: { owner?: string; member?: string; giphy?: boolean }) => `version: 1
name: lower-bounds
sites:
  - url: /sites/lower-bounds
    type: team
    title: Lower bounds
    owners: [anna.andersson${D}${more.owner ? `, ${more.owner}${D}` : ''}]
    permissions:
      groups:
        - name: Handläggare
          members: [erik.johansson${D}${more.member ? `, ${more.member}${D}` : ''}]
        - name: Ledningen
          members: [sara.svensson${D}${more.member ? `, ${more.member}${D}` : ''}]
          pruneMembers: true
    team:
      owners: [sara.svensson${D}]
      funSettings: { allowGiphy: ${more.giphy ?? true}, giphyContentRating: strict }
      channels:
        - name: Frågor
          membershipType: shared
          owners: [sara.svensson${D}]
          members: [erik.johansson${D}, lena.pettersson${D}${more.member ? `, ${more.member}${D}` : ''}]
`;

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('lower-bound-plan-text'));
});
afterAll(async () => target?.close());

test('a lower-bound list reads as the names it adds, the kept names are not shown as removed, and apply keeps them', async () => {
  const first = await planDesired(await desiredOf(blueprint({}), 'lb.yaml'), target.client, target.name);
  expect((await applyRun(target, first)).failed).toEqual([]);

  const desired = await desiredOf(blueprint({ owner: 'lars.nilsson', member: 'per.gustafsson', giphy: false }), 'lb.yaml');
  const plan = await planDesired(desired, target.client, target.name);
  const updates = plan.changes.filter((c) => c.action === 'update');
  // the event: the tenant holds names the blueprint no longer lists beside the new ones
  const site = updates.find((c) => c.kind === 'teamSite');
  expect(site?.action === 'update' && site.changes.find((d) => d.name === 'owners')).toMatchObject({ partial: true, after: [`anna.andersson${D}`, `lars.nilsson${D}`] });
  const siteOwnersBefore = site?.action === 'update' ? (site.changes.find((d) => d.name === 'owners')?.before as string[]) : [];
  expect(siteOwnersBefore.map((o) => o.toLowerCase())).toEqual(expect.arrayContaining([`anna.andersson${D}`, `sara.svensson${D}`]));

  const text = renderPlanText(plan, { color: false });
  const lines = text.split('\n');
  // the team site's owners: anna (stated, there) and sara (the team's owner, kept) are not on a changing line
  expect(lines).toContain('      ~ owners = [');
  expect(lines).toContain(`          + "lars.nilsson${D}"`);
  expect(lines).toContain('            # (2 already there not shown; names the blueprint does not state are kept)');
  // the channel's members, the group's members and the exact group's: one name to add each
  expect(lines).toContain('      ~ members = [');
  expect(lines).toContain('      ~ exactMembers = [');
  expect(lines.filter((l) => l === `          + "per.gustafsson${D}"`)).toHaveLength(3);
  // the exact group's kept member is counted, not listed (a set: what it loses would be `- name`)
  expect(lines).toContain('            # (1 unchanged not shown)');
  // a team setting: only the stated key that changes
  expect(lines).toContain('          ~ "allowGiphy" = true -> false');
  // nothing reads as a list replaced by a shorter one
  expect(text).not.toMatch(/~ (owners|members) += \[.*\] -> \[/);
  expect(text).not.toMatch(/funSettings = \{".*\} -> \{/);
  const markdown = renderPlanMarkdown(plan);
  expect(markdown).toContain(`+           "lars.nilsson${D}"`);
  expect(markdown).not.toMatch(/(owners|members) = \[.*\] -> \[/);

  expect((await applyRun(target, plan)).failed).toEqual([]);
  const group = (await target.client.graph.get<{ value: { id: string }[] }>(`/groups?$filter=mailNickname eq 'lower-bounds'&$select=id`)).value[0]!.id;
  const owners = await target.client.graph.list<{ userPrincipalName: string }>(`/groups/${group}/owners?$select=userPrincipalName`);
  expect(owners.map((o) => o.userPrincipalName.toLowerCase()).sort()).toEqual([`anna.andersson${D}`, `lars.nilsson${D}`, `sara.svensson${D}`]);
  const channel = (await target.client.graph.list<{ id: string; displayName: string }>(`/teams/${group}/channels`)).find((c) => c.displayName === 'Frågor')!;
  const members = await target.client.graph.list<{ email: string }>(`/teams/${group}/channels/${encodeURIComponent(channel.id)}/members`);
  expect(members.map((m) => m.email.toLowerCase()).sort()).toEqual([`erik.johansson${D}`, `lena.pettersson${D}`, `per.gustafsson${D}`, `sara.svensson${D}`]);
  expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
});
