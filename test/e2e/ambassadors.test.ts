/**
 * The digital ambassadors' network (blueprints/ambassadors) through the engine, in-process over
 * HTTP to the local tenant: applies from empty with its team, members from every department and
 * a shared channel with its own members, and a fresh plan is empty.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, exampleBlueprint, openLocalTarget } from '../support/apply-run.ts';

interface Member {
  userId: string;
  email: string;
  roles: string[];
}

test('ambassadors applies from empty with its members and shared channel, and converges', async () => {
  const desired = await exampleBlueprint('ambassadors');
  const { target } = await openLocalTarget('ambassadors');
  try {
    const plan = await planDesired(desired, target.client, target.name);
    expect(plan.summary.add).toBe(desired.resources.length);
    const result = await applyRun(target, plan, { concurrency: 8 });
    expect(result.failed).toEqual([]);
    expect(result.skipped).toEqual([]);

    const again = await planDesired(desired, target.client, target.name);
    expect(again.changes.filter((c) => c.action !== 'noop')).toEqual([]);
    expect(isEmptyPlan(again)).toBe(true);

    const graph = target.client.graph;
    const group = (await graph.get<{ value: { id: string }[] }>(`/groups?$filter=mailNickname eq 'digitala-ambassadorer'&$select=id`)).value[0]!;
    const team = await graph.get<{ funSettings: { giphyContentRating: string }; memberSettings: { allowCreateUpdateChannels: boolean } }>(`/teams/${group.id}`);
    expect(team.funSettings.giphyContentRating).toBe('strict');
    expect(team.memberSettings.allowCreateUpdateChannels).toBe(false);

    const members = await graph.list<Member>(`/teams/${group.id}/members`);
    const byMail = new Map(members.map((m) => [m.email.toLowerCase(), m]));
    for (const upn of ['erik.johansson', 'maria.karlsson', 'lars.nilsson', 'karin.eriksson', 'johan.larsson', 'eva.olsson', 'anders.persson', 'per.gustafsson']) {
      expect(byMail.get(`${upn}@contoso.onmicrosoft.com`)?.roles).toEqual([]);
    }
    expect(byMail.get('anna.andersson@contoso.onmicrosoft.com')?.roles).toEqual(['owner']);
    expect(byMail.get('sara.svensson@contoso.onmicrosoft.com')?.roles).toEqual(['owner']);
    expect(members).toHaveLength(10);

    const channels = await graph.list<{ id: string; displayName: string; membershipType: string; description: string | null }>(`/teams/${group.id}/channels`);
    expect(channels.map((c) => c.displayName).sort()).toEqual(['Fråga IT', 'General', 'Utbildningar']);
    const shared = channels.find((c) => c.displayName === 'Fråga IT')!;
    expect(shared.membershipType).toBe('shared');
    const sharedMembers = await graph.list<Member>(`/teams/${group.id}/channels/${encodeURIComponent(shared.id)}/members`);
    expect(sharedMembers.map((m) => `${m.email.toLowerCase()}:${m.roles.join()}`).sort()).toEqual([
      'erik.johansson@contoso.onmicrosoft.com:',
      'lena.pettersson@contoso.onmicrosoft.com:',
      'sara.svensson@contoso.onmicrosoft.com:owner',
    ]);
    // A shared channel has its own SharePoint site.
    const site = await graph.find<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/digitala-ambassadorer-FrgaIT`);
    expect(site).toBeDefined();

    const training = channels.find((c) => c.displayName === 'Utbildningar')!;
    const tabs = await graph.list<{ displayName: string; configuration: { contentUrl: string }; teamsApp: { id: string } }>(
      `/teams/${group.id}/channels/${encodeURIComponent(training.id)}/tabs?$expand=teamsApp`,
    );
    expect(tabs).toHaveLength(1);
    expect(tabs[0]?.teamsApp.id).toBe('com.microsoft.teamspace.tab.files.sharepoint');
    expect(tabs[0]?.configuration.contentUrl).toBe(`https://${target.client.sharepointHost}/sites/digitala-ambassadorer/Material`);
  } finally {
    await target.close();
  }
}, 180_000);
