/**
 * The plan-time principal check costs a few requests however many workspaces name the same
 * people: each distinct user is looked up once, the lookups go out 20 to a Graph `$batch`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkAgainstTenant } from '../../src/engine/plan-blueprint.ts';
import type { Target } from '../../src/tenant/target.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { openLocalTarget } from '../support/apply-run.ts';

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('principals-scale'));
});
afterAll(async () => target?.close());

const seeded = ['anna.andersson', 'sara.svensson', 'per.gustafsson', 'emma.jansson', 'olof.lindberg'].map((u) => `${u}@contoso.onmicrosoft.com`);

test('600 workspaces sharing 5 owners and 3 unknown users: 8 lookups in one $batch, every unknown reported per site', async () => {
  const rows = Array.from({ length: 600 }, (_, i) => {
    const owner = i % 200 === 7 ? `missing.${i % 3}@contoso.onmicrosoft.com` : seeded[i % seeded.length]!;
    return `      - { alias: ws${i}, owner: "${owner}", deputy: "${seeded[(i + 1) % seeded.length]}" }`;
  });
  const text = `version: 1
name: scale
templates:
  ws:
    type: team
    url: /sites/{{ row.alias }}
    title: "WS {{ row.alias }}"
    owners: ["{{ row.owner }}", "{{ row.deputy }}"]
workspaces:
  - template: ws
    rows:
${rows.join('\n')}
`;
  const desired = await desiredOf(text, 'scale.yaml');
  const before = { requests: target.client.transport.stats.requests, batched: target.client.graph.batchStats.batched };
  const problems = (await checkAgainstTenant(desired, target.client)).diagnostics;
  const requests = target.client.transport.stats.requests - before.requests;
  const batched = target.client.graph.batchStats.batched - before.batched;

  expect(problems.map((d) => `${d.code} ${d.address}`).sort()).toEqual(['PR101 site[/sites/ws207]', 'PR101 site[/sites/ws407]', 'PR101 site[/sites/ws7]']);
  expect(problems.every((d) => d.file === 'scale.yaml' && d.line > 1)).toBe(true);
  // 8 distinct users: 8 lookups (+ a mail probe per missing one), a couple of HTTP requests, not 1,200.
  expect(batched).toBeGreaterThanOrEqual(8);
  expect(batched).toBeLessThanOrEqual(8 + 3);
  expect(requests).toBeLessThanOrEqual(4);
});
