/**
 * Team reads go out in Graph `$batch` requests (fewer HTTP requests when a plan reads thousands
 * of teams), and the transport counts a batch's sub-requests one by one against Teams' published
 * windows (4 requests a second per team, 30 a second per app), as the service does: the local
 * tenant throttles each sub-request on its own, so a batch of 20 reads of one team would be
 * answered with 429s inside it if the batch took one slot.
 */
import { expect, test } from 'vitest';
import { withLocalTarget } from '../support/apply-run.ts';

test('team reads are batched and each sub-request keeps the per-team window: none is throttled', async () => {
  await withLocalTarget(
    'graph-batch-teams',
    async (target) => {
      const graph = target.client.graph;
      const teams: string[] = [];
      for (const n of ['batch-a', 'batch-b']) {
        const g = (await graph.post('/groups', { displayName: n, mailNickname: n, mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], 'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/admin@contoso.onmicrosoft.com'] })) as { id: string };
        await graph.put(`/groups/${g.id}/team`, {});
        teams.push(g.id);
      }
      const before = { ...graph.batchStats, throttled: target.client.transport.stats.throttled };
      const started = Date.now();
      // 12 reads of each team, all at once: 24 sub-requests, two batches' worth.
      const paths = teams.flatMap((id) => Array.from({ length: 4 }, () => [`/teams/${id}`, `/teams/${id}/channels`, `/teams/${id}/members`]).flat());
      const answers = await Promise.all(paths.map((p) => graph.get<{ id?: string; value?: unknown[] }>(p)));
      const took = Date.now() - started;

      expect(answers.every((a) => a.id !== undefined || Array.isArray(a.value))).toBe(true);
      expect(graph.batchStats.batches - before.batches).toBeGreaterThan(0);
      expect(graph.batchStats.batched - before.batched).toBeGreaterThanOrEqual(12);
      expect(graph.batchStats.retriedAlone - before.retriedAlone).toBe(0);
      expect(target.client.transport.stats.throttled - before.throttled).toBe(0);
      expect(target.localTenant!.stats().throttled.byScope.teams).toBe(0);
      // 12 reads of one team at 4 a second cannot all go in under 2 s: the window was kept.
      expect(took).toBeGreaterThan(2_000);
    },
    { throttle: { teams: { perTeamPerSecond: 4, otherPerSecond: 30 } } },
  );
}, 60_000);
