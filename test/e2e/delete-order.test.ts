/**
 * Deletes run dependents first, the reverse of creates (held-out blueprints of issue 8): pruning a
 * SharePoint group with its role assignment, a permission level with the assignment that grants
 * it, and a content type from a site and its lists each succeed in the first apply, leave the
 * tenant without them, and converge (a fresh plan is empty).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Target } from '../../src/tenant/target.ts';
import { engineSteps } from '../support/engine-steps.ts';
import { openLocalTarget } from '../support/apply-run.ts';

const OWNER = 'anna.andersson@contoso.onmicrosoft.com';
const SITE = '/sites/delete-order';

function blueprint(withAll: boolean): string {
  return `version: 1
name: delete-order
prune: [siteGroup, roleAssignment, roleDefinition, contentType, listContentType]
contentTypes:
  beslut: { name: Beslut }
  protokoll: { name: Protokoll }
sites:
  - url: ${SITE}
    type: communication
    title: Delete order
    owner: ${OWNER}
    contentTypes:
      - use: protokoll
${withAll ? '      - use: beslut\n' : ''}    permissions:
${withAll ? `      roleDefinitions:
        - name: Granska
          basePermissions: [ViewListItems, Open, ViewPages]
` : ''}      groups:
        - name: Kvar
          members: [${OWNER}]
${withAll ? `        - name: Tillfälliga
          members: [${OWNER}]
      assignments:
        - { principal: Tillfälliga, roles: [Granska] }
` : ''}    lists:
      - url: Arenden
        template: documentLibrary
        contentTypes: [protokoll${withAll ? ', beslut' : ''}]
      - url: Arkiv
        template: documentLibrary
        contentTypes: [protokoll${withAll ? ', beslut' : ''}]
`;
}

let target: Target;
const { changesOf, applyAndConverge } = engineSteps(() => target, 'delete-order.yaml');

beforeAll(async () => {
  ({ target } = await openLocalTarget('delete-order'));
});
afterAll(async () => {
  await target?.close();
});

async function tenantNames() {
  const c = target.client;
  const site = (await c.graph.find<{ id: string }>(`/sites/${c.sharepointHost}:${SITE}`))!;
  const sp = <T>(path: string) => c.sp.get<T>(`${SITE.slice(1)}/_api/web/${path}`);
  const custom = async (path: string) => (await c.graph.list<{ name: string; isBuiltIn?: boolean }>(path)).filter((x) => !x.isBuiltIn).map((x) => x.name).sort();
  return {
    siteTypes: await custom(`/sites/${site.id}/contentTypes`),
    arenden: await custom(`/sites/${site.id}/lists/Arenden/contentTypes`),
    arkiv: await custom(`/sites/${site.id}/lists/Arkiv/contentTypes`),
    groups: (await sp<{ Title: string }[]>('sitegroups')).map((g) => g.Title).filter((t) => ['Kvar', 'Tillfälliga'].includes(t)),
    levels: (await sp<{ Name: string }[]>('roledefinitions')).map((d) => d.Name).filter((n) => n === 'Granska'),
  };
}

test('pruning a group with its assignment, a level it grants and a content type on a site and its lists succeeds in one apply', async () => {
  await applyAndConverge(blueprint(true));
  expect(await tenantNames()).toEqual({ siteTypes: ['Beslut', 'Protokoll'], arenden: ['Beslut', 'Protokoll'], arkiv: ['Beslut', 'Protokoll'], groups: ['Kvar', 'Tillfälliga'], levels: ['Granska'] });

  const reduced = blueprint(false);
  const deletes = (await changesOf(reduced)).filter((c) => c.action === 'delete');
  const at = (suffix: string) => deletes.findIndex((c) => c.address.endsWith(suffix));
  const position = {
    assignment: at('/roleAssignment[Tillfälliga]'),
    group: at('/group[Tillfälliga]'),
    level: at('/roleDefinition[Granska]'),
    arenden: at('list[Arenden]/contentType[Beslut]'),
    arkiv: at('list[Arkiv]/contentType[Beslut]'),
    site: at(`site[${SITE}]/contentType[Beslut]`),
  };
  expect(Object.values(position).every((i) => i >= 0)).toBe(true);
  // dependents first: each delete depends on (and is ordered after) those of what uses it
  const byEnd = (suffix: string) => deletes.find((c) => c.address.endsWith(suffix))!;
  expect(byEnd('/group[Tillfälliga]').dependsOn).toEqual([byEnd('/roleAssignment[Tillfälliga]').address]);
  expect(byEnd('/roleDefinition[Granska]').dependsOn).toEqual([byEnd('/roleAssignment[Tillfälliga]').address]);
  expect([...byEnd(`site[${SITE}]/contentType[Beslut]`).dependsOn].sort()).toEqual(
    [byEnd('list[Arenden]/contentType[Beslut]').address, byEnd('list[Arkiv]/contentType[Beslut]').address].sort(),
  );
  expect(position.group).toBeGreaterThan(position.assignment);
  expect(position.level).toBeGreaterThan(position.assignment);
  expect(position.site).toBeGreaterThan(Math.max(position.arenden, position.arkiv));

  await applyAndConverge(reduced);
  expect(await tenantNames()).toEqual({ siteTypes: ['Protokoll'], arenden: ['Protokoll'], arkiv: ['Protokoll'], groups: ['Kvar'], levels: [] });
});
