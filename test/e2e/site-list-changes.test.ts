/**
 * One stated property of a team site (its group's description and visibility), of a list (its
 * title and description) and a column (its required flag and default) each gives a plan with
 * exactly that change, and apply converges; the tenant holds the new values.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

function blueprint(v: { description: string; visibility: string; listTitle: string; listDescription: string; required: boolean; def: string }): string {
  return `version: 1
name: changes
sites:
  - url: /sites/changes
    type: team
    title: Changes
    description: ${v.description}
    visibility: ${v.visibility}
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - url: Register
        title: ${v.listTitle}
        description: ${v.listDescription}
        template: genericList
        columns:
          - { name: RegStatus, type: choice, choices: [Ny, Klar], required: ${v.required}, default: ${v.def} }
`;
}

test('one stated property of a team site, a list and a column: exactly that change, then converged', async () => {
  const base = { description: 'Before', visibility: 'Private', listTitle: 'Register', listDescription: 'Alla ärenden', required: false, def: 'Ny' };
  const { target } = await openLocalTarget('changes');
  try {
    const run = async (v: typeof base) => {
      const desired = await desiredOf(blueprint(v), 'changes.yaml');
      const plan = await planDesired(desired, target.client, target.name);
      const changed = plan.changes.filter((c) => c.action !== 'noop').map((c) => (c.action === 'update' ? [c.address, c.changes] : [c.address, c.action]));
      // (a private group made public needs the consent: team-site-visibility.test.ts)
      const result = await applyRun(target, plan, { concurrency: 8, allow: ['allow-wider-sharing'] });
      expect(result.failed).toEqual([]);
      expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
      return changed;
    };
    expect((await run(base)).length).toBe(3);

    expect(await run({ ...base, description: 'After' })).toEqual([['site[/sites/changes]', [{ name: 'description', before: 'Before', after: 'After' }]]]);
    expect(await run({ ...base, description: 'After', visibility: 'Public' })).toEqual([['site[/sites/changes]', [{ name: 'visibility', before: 'Private', after: 'Public' }]]]);
    const v3 = { ...base, description: 'After', visibility: 'Public' };
    expect(await run({ ...v3, listTitle: 'Diarium' })).toEqual([['site[/sites/changes]/list[Register]', [{ name: 'title', before: 'Register', after: 'Diarium' }]]]);
    const v4 = { ...v3, listTitle: 'Diarium' };
    expect(await run({ ...v4, listDescription: 'Alla ärenden sedan 2020' })).toEqual([
      ['site[/sites/changes]/list[Register]', [{ name: 'description', before: 'Alla ärenden', after: 'Alla ärenden sedan 2020' }]],
    ]);
    const v5 = { ...v4, listDescription: 'Alla ärenden sedan 2020' };
    expect(await run({ ...v5, required: true })).toEqual([['site[/sites/changes]/list[Register]/column[RegStatus]', [{ name: 'required', before: false, after: true }]]]);
    expect(await run({ ...v5, required: true, def: 'Klar' })).toEqual([['site[/sites/changes]/list[Register]/column[RegStatus]', [{ name: 'default', before: 'Ny', after: 'Klar' }]]]);

    const group = await target.client.graph.get<{ value: { description: string; visibility: string }[] }>(`/groups?$filter=mailNickname eq 'changes'&$select=description,visibility`);
    expect(group.value[0]).toMatchObject({ description: 'After', visibility: 'Public' });
    const site = await target.client.graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/changes`);
    const list = await target.client.graph.get<{ displayName: string; description: string }>(`/sites/${site.id}/lists/Register`);
    expect(list).toMatchObject({ displayName: 'Diarium', description: 'Alla ärenden sedan 2020' });
  } finally {
    await target.close();
  }
});

