import { expect, test } from 'vitest';
import { planHeader } from '../support/plan-header.ts';
import { PLAN_FORMAT_VERSION, type Plan } from '../../src/model/plan.ts';
import { parsePlanJson, planJsonChunks, renderPlanJson } from '../../src/plan/render-json.ts';
import { planTextChunks, renderPlanText } from '../../src/plan/render-text.ts';
import { renderPlanMarkdown } from '../../src/plan/render-markdown.ts';

const plan: Plan = {
  ...planHeader,
  resources: [],
  prune: [],
  summary: { add: 1, change: 1, destroy: 0, unknown: 0 },
  changes: [
    { address: 'site[/sites/a]', kind: 'commSite', action: 'create', dependsOn: [], api: 'SP', observedDigest: 'd1', after: { url: '/sites/a', title: 'A' } },
    {
      address: 'site[/sites/b]',
      kind: 'commSite',
      action: 'update',
      dependsOn: [],
      api: 'SP',
      observedDigest: 'd2',
      id: 'x',
      ids: {},
      before: { title: 'Old' },
      after: { title: 'New' },
      changes: [{ name: 'title', before: 'Old', after: 'New' }],
    },
    { address: 'site[/sites/c]', kind: 'commSite', action: 'noop', dependsOn: [], api: 'SP', observedDigest: 'd3', id: 'y', ids: {} },
  ],
};

test('text rendering marks each address and closes with the summary line', () => {
  const text = renderPlanText(plan, { color: false });
  expect(text).toContain('  + commSite site[/sites/a]');
  expect(text).toContain('+ title = "A"');
  expect(text).toContain('  ~ commSite site[/sites/b]');
  expect(text).toContain('~ title = "Old" -> "New"');
  expect(text).not.toContain('site[/sites/c]');
  expect(text.trim().split('\n').at(-1)).toBe('Plan: 1 to add, 1 to change, 0 to destroy.');
});

test('the whole text, blank lines included: a block per change, the APIs, the summary', () => {
  expect(renderPlanText(plan, { color: false })).toBe(
    [
      'm365-provision will perform the following actions:',
      '',
      '  # site[/sites/a] will be created',
      '  + commSite site[/sites/a]',
      '      + url   = "/sites/a"',
      '      + title = "A"',
      '',
      '  # site[/sites/b] will be updated in place',
      '  ~ commSite site[/sites/b]',
      '      ~ title = "Old" -> "New"',
      '',
      'APIs:',
      '  commSite  SP',
      '',
      'Plan: 1 to add, 1 to change, 0 to destroy.',
      '',
    ].join('\n'),
  );
});

test('the text comes in pieces, one block per change, so that a large plan is never held whole', () => {
  const creates = Array.from({ length: 1_000 }, (_, i) => ({ ...plan.changes[0]!, address: `site[/sites/s${i}]` }));
  const large: Plan = { ...plan, changes: creates, summary: { add: 1_000, change: 0, destroy: 0, unknown: 0 } };
  const chunks = [...planTextChunks(large, { color: false })];
  // the heading, 1,000 blocks, the APIs and summary
  expect(chunks).toHaveLength(1_002);
  expect(chunks[1]).toBe(['  # site[/sites/s0] will be created', '  + commSite site[/sites/s0]', '      + url   = "/sites/a"', '      + title = "A"', '', ''].join('\n'));
  expect(chunks.every((c) => c.endsWith('\n'))).toBe(true);
  expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(200);
  expect(chunks.join('')).toBe(renderPlanText(large, { color: false }));
});

test('an empty plan says No changes', () => {
  const empty: Plan = { ...plan, changes: [plan.changes[2]!], summary: { add: 0, change: 0, destroy: 0, unknown: 0 } };
  expect(renderPlanText(empty, { color: false })).toMatch(/^No changes\./);
});

test('JSON plans carry formatVersion, before and after per change, and read back', () => {
  const json = JSON.parse(renderPlanJson(plan));
  expect(json.formatVersion).toBe(3);
  expect(json.changes[0]).toMatchObject({ address: 'site[/sites/a]', action: 'create', before: null, after: { title: 'A' } });
  expect(json.changes[2]).toMatchObject({ action: 'noop', before: null, after: null });
  expect(parsePlanJson(renderPlanJson(plan), 'p.json')).toEqual(plan);
  expect(() => parsePlanJson('{"formatVersion": 99}', 'p.json')).toThrow(/formatVersion 99/);
  // A plan of an older format (format 2 carried facts such as a term set's language in ids) is refused: plan again.
  const older = renderPlanJson({ ...plan, formatVersion: 2 as typeof PLAN_FORMAT_VERSION });
  expect(() => parsePlanJson(older, 'old.json')).toThrow(/^old\.json: the plan was made by an older version of m365-provision \(plan formatVersion 2; this version reads 3\): plan again$/);
  const { target: _target, ...withoutTarget } = plan;
  expect(() => parsePlanJson(renderPlanJson(withoutTarget as Plan), 'p.json')).toThrow(/does not record the tenant/);
});

test('a JSON plan is written in pieces, one per resource and per change, with the text JSON.stringify gives', () => {
  // What the JSON plan was before it came in pieces: the whole plan through JSON.stringify.
  const whole = (p: Plan) => JSON.stringify({ ...p, changes: p.changes.map((c) => ({ before: null, after: null, ...c })) }, null, 2) + '\n';
  const resources = [
    { kind: 'commSite', address: 'site[/sites/a]', props: { url: '/sites/a', title: 'A "quoted"\nand a new line', owners: ['a@contoso.com', 'b@contoso.com'], empty: [], nested: { x: { y: [1, { z: null }] } } } },
    { kind: 'list', address: 'site[/sites/a]/list[Beslut]', parent: 'site[/sites/a]', props: { title: 'Beslut', template: 'documentLibrary', å: 'ä' } },
  ] as unknown as Plan['resources'];
  const rich: Plan = { ...plan, resources, prune: [{ kind: 'list' }] as unknown as Plan['prune'] };
  const bare: Plan = { ...plan, changes: [], resources: [], fingerprint: undefined as unknown as string };
  for (const p of [plan, rich, bare]) expect(renderPlanJson(p)).toBe(whole(p));
  const pieces = [...planJsonChunks(rich)];
  // The list's resource is one piece of its own (no change names it), and no piece holds two resources or changes.
  expect(pieces.filter((piece) => piece.includes('"address": "site[/sites/a]/list[Beslut]"'))).toHaveLength(1);
  expect(pieces.every((piece) => (piece.match(/"address":/g) ?? []).length <= 1)).toBe(true);
  expect(pieces.length).toBeGreaterThan(rich.resources.length + rich.changes.length);
});

test('a destroyed resource lists what was read of it, aligned as a create is', () => {
  const destroyed: Plan = {
    ...plan,
    summary: { add: 0, change: 0, destroy: 1, unknown: 0 },
    changes: [{ address: 'site[/sites/a]/list[L]/view[V]', kind: 'view', action: 'delete', dependsOn: [], api: 'SP', observedDigest: 'd', id: 'v', ids: {}, before: { name: 'V', rowLimit: 30 } }],
  };
  const lines = renderPlanText(destroyed, { color: false }).split('\n');
  expect(lines).toContain('      - name     = "V"');
  expect(lines).toContain('      - rowLimit = 30');
});

const unread = (address: string, reason: string) => ({ address, kind: 'column', action: 'unknown', dependsOn: [], api: 'Graph', reason }) as unknown as Plan['changes'][number];
/** A site held by a deleted group: unreadable, and so what lies under it; another site's column unreadable for its own reason. */
const foldedPlan = (): Plan => ({
  ...plan,
  summary: { add: 1, change: 0, destroy: 0, unknown: 5 },
  changes: [
      { ...unread('site[/sites/p3]', 'a deleted group holds the mailNickname'), kind: 'teamSite' },
      unread('site[/sites/p3]/column[A]', 'its parent site[/sites/p3] could not be read'),
      unread('site[/sites/p3]/list[L]', 'its parent site[/sites/p3] could not be read'),
      unread('site[/sites/p3]/list[L]/view[V]', 'its parent site[/sites/p3]/list[L] could not be read'),
      // unread for its own reason: shown
      unread('site[/sites/p4]/column[B]', 'read failed: 503 serviceNotAvailable'),
      plan.changes[0]!,
    ],
});

test("what lies under a resource that could not be read is folded into one line under its block; the summary still counts it", () => {
  const text = renderPlanText(foldedPlan(), { color: false });
  expect(text).toContain('  ? teamSite site[/sites/p3]\n      (a deleted group holds the mailNickname)\n\n  #   and 3 resources under it, not read either (nothing will be done to them)\n\n');
  expect(text).not.toContain('site[/sites/p3]/column[A]');
  expect(text).toContain('  ? column site[/sites/p4]/column[B]\n      (read failed: 503 serviceNotAvailable)');
  expect(text).toContain('  + commSite site[/sites/a]');
  expect(text).toContain('Plan: 1 to add, 0 to change, 0 to destroy. 5 could not be read.');
});

test('the Markdown folds what lies under an unreadable resource the same way, and counts it as shown', () => {
  const md = renderPlanMarkdown(foldedPlan());
  const fold = md.indexOf('\n#   and 3 resources under it, not read either (nothing will be done to them)\n');
  expect(fold).toBeGreaterThan(md.indexOf('teamSite site[/sites/p3]'));
  expect(fold).toBeLessThan(md.indexOf('column site[/sites/p4]/column[B]'));
  expect(md).not.toContain('site[/sites/p3]/column[A]');
  expect(md).toContain('Destructive and unreadable changes (5)');
  expect(md).not.toContain('not shown here');
});
