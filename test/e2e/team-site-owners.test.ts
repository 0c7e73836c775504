/**
 * A team site's owners are read with its group (`$expand=owners`, one read fewer a workspace),
 * and Graph cuts such an expansion at 20 objects without a nextLink (the local tenant too): a
 * group of 22 owners must still converge (the owners are then read in full), and an owner
 * removed behind the engine's back shows as drift whether the group has 3 owners or 22.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Target } from '../../src/tenant/target.ts';
import { openLocalTarget } from '../support/apply-run.ts';
import { engineSteps } from '../support/engine-steps.ts';

const D = '@contoso.onmicrosoft.com';
const USERS = [
  'anna.andersson', 'erik.johansson', 'maria.karlsson', 'lars.nilsson', 'karin.eriksson', 'johan.larsson', 'eva.olsson', 'anders.persson',
  'sara.svensson', 'per.gustafsson', 'lena.pettersson', 'mikael.jonsson', 'emma.jansson', 'nils.hansson', 'ingrid.bengtsson', 'olof.lindberg',
  'elin.lindqvist', 'gustav.berg', 'sofia.holm', 'henrik.nyberg', 'linnea.andersson', 'magnus.johansson',
].map((u) => `${u}${D}`);

const blueprint = (slug: string, owners: string[]) => `version: 1
name: owners-${slug}
sites:
  - url: /sites/${slug}
    type: team
    title: Owners ${slug}
    owners: [${owners.join(', ')}]
`;

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('team-site-owners'));
});
afterAll(async () => {
  await target?.close();
});

/** The group of `slug`, with its owners as Graph expands them (at most 20, cut without a nextLink). */
async function groupOf(slug: string): Promise<{ id: string; owners: { userPrincipalName?: string }[] }> {
  const found = await target.client.graph.get<{ value: { id: string; owners: { userPrincipalName?: string }[] }[] }>(
    `/groups?$filter=mailNickname eq '${slug}'&$select=id&$expand=owners($select=id,userPrincipalName)`,
  );
  return found.value[0]!;
}

async function removeOwnerBehindTheEngine(slug: string, upn: string): Promise<void> {
  const graph = target.client.graph;
  const user = await graph.get<{ id: string }>(`/users/${encodeURIComponent(upn)}?$select=id`);
  await graph.delete(`/groups/${(await groupOf(slug)).id}/owners/${user.id}/$ref`);
}

for (const [slug, count] of [['owners-few', 3], ['owners-many', 22]] as const) {
  test(`${count} owners: applied, converged (one read of the group${count >= 20 ? ', then the owners in full' : ''}), and an owner removed out of band is drift`, async () => {
    const owners = USERS.slice(0, count);
    const steps = engineSteps(() => target, `${slug}.yaml`);
    await steps.applyAndConverge(blueprint(slug, owners));
    const group = await groupOf(slug);
    const listed = await target.client.graph.list<{ userPrincipalName?: string }>(`/groups/${group.id}/owners?$select=id,userPrincipalName`);
    expect(listed.map((o) => o.userPrincipalName?.toLowerCase()).sort()).toEqual(owners.map((o) => o.toLowerCase()).sort());
    // the expansion the engine reads: whole for 3, cut at 20 for 22 (so that plan converged only
    // because the owners were then read in full)
    expect(group.owners).toHaveLength(Math.min(count, 20));

    await removeOwnerBehindTheEngine(slug, owners[count - 1]!);
    const drift = await steps.changesOf(blueprint(slug, owners));
    expect(drift.map((c) => `${c.action} ${c.address}`)).toEqual([`update site[/sites/${slug}]`]);
    await steps.applyAndConverge(blueprint(slug, owners));
  }, 120_000);
}
