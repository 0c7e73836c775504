/**
 * A team's owners that the group's create bound (`owners@odata.bind`, `members@odata.bind`) are
 * not written a second time by their team memberships (issue 12: two directory writes a
 * workspace, each refused by the service as a reference that exists). A member the create did
 * not bind is still added. A user's id is looked up once a run, however many sites and teams
 * name them. Counted from the local tenant's requests; each apply converges (its
 * fresh plan reads the team's memberships back: the owner an owner, the member a member).
 */
import { expect, test } from 'vitest';
import { applyCounting } from '../support/apply-counting.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { teamSitesBlueprint } from '../support/team-sites-blueprint.ts';
import type { LocalTenant } from '../../src/emulator/index.ts';

const SITES = 3;
const text = teamSitesBlueprint({ name: 'owner-writes', prefix: 'owner-writes', title: 'Owner writes', count: SITES, extra: '    team:\n      members: [erik.johansson@contoso.onmicrosoft.com]\n' });

const refs = (kind: 'members' | 'owners') => (t: Pick<LocalTenant, 'stats'>) => t.stats().byOperation[`POST /groups/{id}/${kind}/$ref`] ?? 0;

test('owners bound by the group create are not added again; a member who is not bound is added once', async () => {
  const desired = await desiredOf(text, 'owner-writes.yaml');
  const { counted: memberRefs } = await applyCounting('owner-writes', desired, {}, refs('members'));
  // one a site: erik, the member; anna (bound as owner and member at the group's create) none
  expect(memberRefs).toBe(SITES);
  const { counted: ownerRefs } = await applyCounting('owner-writes', desired, {}, refs('owners'));
  expect(ownerRefs).toBe(0);
}, 120_000);

test('a user named by many sites and teams is looked up once a run', async () => {
  const desired = await desiredOf(text, 'owner-writes.yaml');
  // anna (the owner of every site and team) and erik (a member of every team): two users
  const userReads = (t: Pick<LocalTenant, 'stats'>) => (t.stats().byOperation['GET /users/{id}'] ?? 0) + (t.stats().batchedByOperation['GET /users/{id}'] ?? 0);
  const { counted: lookups } = await applyCounting('owner-lookups', desired, {}, userReads);
  expect(lookups).toBe(2);
}, 120_000);
