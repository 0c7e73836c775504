/** buildPlan is pure: these tests use in-memory desired and observed values only. */
import { describe, expect, test } from 'vitest';
import { columnAddress } from '../../src/kinds/column/model.ts';
import { listAddress } from '../../src/kinds/list/model.ts';
import { siteAddress } from '../../src/kinds/site/model.ts';
import type { Observed, ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource, Desired } from '../../src/model/resources.ts';
import { buildPlan, isEmptyPlan } from '../../src/plan/build-plan.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';

const site = siteAddress('/sites/bygglov');
const list = listAddress(site, 'Beslut');
const column = columnAddress(list, 'ProcessStep');

function desired(): Desired {
  const resources: AnyDesiredResource[] = [
    { kind: 'teamSite', address: site, props: { url: '/sites/bygglov', mailNickname: 'bygglov', title: 'Bygglov', owners: ['anna@contoso.onmicrosoft.com'] } },
    { kind: 'list', address: list, parent: site, props: { url: 'Beslut', title: 'Beslut', template: 'documentLibrary' } },
    {
      kind: 'column',
      address: column,
      parent: list,
      props: { name: 'ProcessStep', id: '6f1c0000-0000-5000-8000-000000000001', type: 'choice', displayName: 'Processteg', choices: ['Inkommen', 'Beslut'] },
    },
  ];
  return { file: 'b.yaml', resources };
}

const ctx = { tenant: 'test', now: '2026-11-23T00:00:00.000Z' };

function present(props: Record<string, unknown>, ids: Record<string, string> = {}): ObservedState {
  return { status: 'present', id: 'id-' + Object.values(props)[0], ids, props };
}

function matching(): Observed {
  return new Map<string, ObservedState>([
    [site, present({ mailNickname: 'bygglov', title: 'Bygglov', description: '', owners: ['ANNA@contoso.onmicrosoft.com', 'erik@contoso.onmicrosoft.com'] }, { siteId: 's1' })],
    [list, present({ url: 'Beslut', title: 'Beslut', template: 'documentLibrary', description: '' }, { siteId: 's1', listId: 'l1' })],
    [column, present({ name: 'ProcessStep', id: 'other', type: 'choice', displayName: 'Processteg', choices: ['Inkommen', 'Beslut'], required: false })],
  ]);
}

describe('buildPlan', () => {
  test('a resource listed before what it depends on is planned after it; shared props are compared the same', () => {
    // the column is listed first and its parent (the list) last: the blueprint's order does not hold
    const [siteR, listR, columnR] = desired().resources;
    const shared = Object.freeze({ ...listR!.props });
    const reordered: Desired = { file: 'b.yaml', resources: [columnR!, siteR!, { ...listR!, props: shared } as AnyDesiredResource] };
    const plan = buildPlan(reordered, new Map([[site, { status: 'absent' }], [list, { status: 'absent' }], [column, { status: 'absent' }]]), KIND_RULES, ctx);
    expect(plan.changes.map((c) => c.address)).toEqual([site, list, column]);
    // the same frozen props on a present list: a noop, twice (its stated props are worked out once)
    const twice = buildPlan(reordered, matching(), KIND_RULES, ctx);
    expect(twice.changes.find((c) => c.address === list)?.action).toBe('noop');
    expect(buildPlan(reordered, matching(), KIND_RULES, ctx).changes.find((c) => c.address === list)?.action).toBe('noop');
  });

  test('a resource that waits for itself is a dependency cycle, as any other', () => {
    const [siteR, listR] = desired().resources;
    const selfish: Desired = { file: 'b.yaml', resources: [siteR!, { ...listR!, after: [list] } as AnyDesiredResource] };
    expect(() => buildPlan(selfish, matching(), KIND_RULES, ctx)).toThrow(/dependency cycle through/);
  });

  test('everything absent: creates in dependency order with the stated properties', () => {
    const observed: Observed = new Map([
      [site, { status: 'absent' }],
      [list, { status: 'absent' }],
      [column, { status: 'absent' }],
    ]);
    const plan = buildPlan(desired(), observed, KIND_RULES, ctx);
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([
      [site, 'create'],
      [list, 'create'],
      [column, 'create'],
    ]);
    expect(plan.changes[1]?.dependsOn).toEqual([site]);
    expect(plan.summary).toEqual({ add: 3, change: 0, destroy: 0, unknown: 0 });
    const create = plan.changes[0];
    expect(create?.action === 'create' && create.after).toEqual({
      url: '/sites/bygglov',
      mailNickname: 'bygglov',
      title: 'Bygglov',
      owners: ['anna@contoso.onmicrosoft.com'],
    });
  });

  test('a matching tenant gives an empty plan; extra owners and unstated properties are not drift', () => {
    const plan = buildPlan(desired(), matching(), KIND_RULES, ctx);
    expect(plan.changes.map((c) => c.action)).toEqual(['noop', 'noop', 'noop']);
    expect(isEmptyPlan(plan)).toBe(true);
  });

  test('one changed property gives exactly that update with before and after', () => {
    const d = desired();
    const col = d.resources[2];
    if (col?.kind !== 'column') throw new Error('fixture');
    col.props.choices = ['Inkommen', 'Beslut', 'Överklagad'];
    const plan = buildPlan(d, matching(), KIND_RULES, ctx);
    const updates = plan.changes.filter((c) => c.action !== 'noop');
    expect(updates).toHaveLength(1);
    const update = updates[0];
    if (update?.action !== 'update') throw new Error('expected an update');
    expect(update.address).toBe(column);
    expect(update.changes).toEqual([{ name: 'choices', before: ['Inkommen', 'Beslut'], after: ['Inkommen', 'Beslut', 'Överklagad'] }]);
    expect(plan.summary).toEqual({ add: 0, change: 1, destroy: 0, unknown: 0 });
  });

  test('a missing owner is an update of owners', () => {
    const d = desired();
    const s = d.resources[0];
    if (s?.kind !== 'teamSite') throw new Error('fixture');
    s.props.owners = ['anna@contoso.onmicrosoft.com', 'lena@contoso.onmicrosoft.com'];
    const plan = buildPlan(d, matching(), KIND_RULES, ctx);
    expect(plan.changes[0]?.action).toBe('update');
  });

  test('a column type change is a replace with its reason', () => {
    const d = desired();
    const col = d.resources[2];
    if (col?.kind !== 'column') throw new Error('fixture');
    col.props.type = 'text';
    delete col.props.choices;
    const plan = buildPlan(d, matching(), KIND_RULES, ctx);
    const replace = plan.changes[2];
    expect(replace?.action).toBe('replace');
    expect(replace?.action === 'replace' && replace.reason).toMatch(/type cannot change/);
    expect(plan.summary).toEqual({ add: 1, change: 0, destroy: 1, unknown: 0 });
  });

  test('an unreadable resource is unknown, never a create', () => {
    const observed = matching();
    observed.set(list, { status: 'unknown', reason: 'read failed: 503' });
    const plan = buildPlan(desired(), observed, KIND_RULES, ctx);
    expect(plan.changes[1]?.action).toBe('unknown');
    expect(plan.summary.unknown).toBe(1);
    expect(plan.summary.add).toBe(0);
  });

  test('the fingerprint follows the observed state', () => {
    const a = buildPlan(desired(), matching(), KIND_RULES, ctx);
    const b = buildPlan(desired(), matching(), KIND_RULES, ctx);
    expect(a.fingerprint).toBe(b.fingerprint);
    const moved = matching();
    moved.set(list, present({ url: 'Beslut', title: 'Beslut (renamed)', template: 'documentLibrary', description: '' }));
    const c = buildPlan(desired(), moved, KIND_RULES, ctx);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(c.changes[1]?.observedDigest).not.toBe(a.changes[1]?.observedDigest);
    expect(c.changes[0]?.observedDigest).toBe(a.changes[0]?.observedDigest);
  });

  test('a plan made without digests is the same plan, less its digests and fingerprint', () => {
    const moved = matching();
    moved.set(list, present({ url: 'Beslut', title: 'Beslut (renamed)', template: 'documentLibrary', description: '' }));
    moved.delete(column);
    const withDigests = buildPlan(desired(), moved, KIND_RULES, ctx);
    const without = buildPlan(desired(), moved, KIND_RULES, { ...ctx, digests: false });
    expect(withDigests.changes.every((c) => typeof c.observedDigest === 'string')).toBe(true);
    expect(without.changes.some((c) => 'observedDigest' in c)).toBe(false);
    expect('fingerprint' in without).toBe(false);
    const { fingerprint: _, ...rest } = withDigests;
    expect(without).toEqual({ ...rest, changes: withDigests.changes.map(({ observedDigest: _d, ...c }) => c) });
    expect(without.summary).toEqual({ add: 0, change: 1, destroy: 0, unknown: 1 });
  });
});

test('what lies inside a replaced resource is created again with it', () => {
  const d = desired();
  const l = d.resources[1];
  if (l?.kind !== 'list') throw new Error('fixture');
  l.props.template = 'genericList';
  const plan = buildPlan(d, matching(), KIND_RULES, ctx);
  expect(plan.changes.map((c) => c.action)).toEqual(['noop', 'replace', 'create']);
  expect(plan.changes[2]?.dependsOn).toEqual([list]);
});
