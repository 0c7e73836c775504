/**
 * Each user a blueprint names costs one directory read a command: the principal check looks it up
 * and hands what it found to the plan's read and to the apply run (`knownUsers`), which looked
 * every user up a second time before (a rollout naming 6,000 staff: 6,000 reads too many).
 */
import { expect, test } from 'vitest';
import { checkAgainstTenant, planDesired } from '../../src/engine/plan-blueprint.ts';
import { runApply } from '../../src/engine/run-apply.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { Target } from '../../src/tenant/target.ts';
import { withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const user = (name: string) => `${name}@contoso.onmicrosoft.com`;
const people = ['anna.andersson', 'sara.svensson', 'erik.johansson', 'maria.karlsson', 'lena.pettersson'].map(user);

const text = `version: 1
name: once
templates:
  ws:
    type: team
    url: /sites/once-{{ row.n }}
    title: "Once {{ row.n }}"
    owners: [${people[0]}]
    team:
      owners: [${people[1]}]
      members: [${people[2]}, ${people[3]}, ${people[4]}]
      channels:
        - name: General
        - name: Frågor
          membershipType: private
          owners: [${people[1]}]
          members: [${people[2]}, ${people[4]}]
workspaces:
  - template: ws
    rows:
      - { n: "1" }
      - { n: "2" }
      - { n: "3" }
`;

/** Reads of one user (`GET /users/{id}`, alone or in a `$batch`) the local tenant has answered. */
const userReads = (target: Target): number => {
  const stats = target.localTenant!.stats();
  return (stats.byOperation['GET /users/{id}'] ?? 0) + (stats.batchedByOperation['GET /users/{id}'] ?? 0);
};

test('apply and plan read each named user once: the principal check hands its users to the read and the run', async () => {
  const desired = await desiredOf(text, 'once.yaml');
  await withLocalTarget('users-once', async (target, cwd) => {
    const before = userReads(target);
    const outcome = await runApply({
      tenant: target.client,
      tenantName: target.name,
      stateDir: `${cwd}/.provision`,
      source: { blueprint: desired },
      concurrency: 8,
    });
    expect(outcome.status).toBe('applied');
    if (outcome.status !== 'applied') return;
    expect(outcome.result.failed).toEqual([]);
    // The run made the team memberships and the private channels' rosters, which need the users' ids.
    expect(outcome.result.succeeded.filter((a) => a.includes('/member[')).length).toBeGreaterThanOrEqual(6);
    const applied = userReads(target) - before;

    // A plan as `provision plan` makes it: the check, then the read with what the check found.
    const start = userReads(target);
    const checked = await checkAgainstTenant(desired, target.client);
    expect(checked.diagnostics).toEqual([]);
    expect([...checked.users.keys()].sort()).toEqual([...people].sort());
    const plan = await planDesired(desired, target.client, target.name, { knownUsers: checked.users });
    const planned = userReads(target) - start;
    expect(isEmptyPlan(plan)).toBe(true);
    // The read of the members (by UPN) and of the private channels' rosters (by id) used the check's answers.
    expect(plan.changes.filter((c) => c.address.includes('/member[')).length).toBeGreaterThanOrEqual(6);
    expect(planned).toBe(people.length);
    expect(applied).toBe(people.length);
  });
});
