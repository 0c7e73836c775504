/**
 * Hostile and foreign input through the real CLI (issue 8 point 2, issue 13's CSV item):
 * `provision validate` on a pull request's blueprint must not print the runner's environment;
 * a CSV as Swedish Excel writes it (Windows-1252, semicolons) is read, said so, and planned.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { provision } from '../support/cli.ts';

const FAKE_SECRET = 'fake-secret-Zq8x~do-not-print';
const saved = process.env.AZURE_CLIENT_SECRET;
afterEach(() => {
  if (saved === undefined) delete process.env.AZURE_CLIENT_SECRET;
  else process.env.AZURE_CLIENT_SECRET = saved;
});

test('validate refuses rows: /proc/self/environ and prints nothing of it', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-hostile-'));
  await writeFile(
    join(cwd, 'bp.yaml'),
    ['version: 1', 'name: t', 'templates: { t: { type: team, url: "/sites/{{ row.a }}", title: x } }', 'workspaces: [{ template: t, rows: /proc/self/environ }]', ''].join('\n'),
  );
  // The spawned CLI inherits this environment: /proc/self/environ of that process holds the secret.
  process.env.AZURE_CLIENT_SECRET = FAKE_SECRET;
  const r = await provision(cwd, 'validate', 'bp.yaml');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^bp\.yaml:4:35 error BP410 /m);
  expect(r.stdout + r.stderr).not.toContain(FAKE_SECRET);
  expect(r.stdout + r.stderr).not.toContain('AZURE_CLIENT_SECRET');
}, 120_000);

test('a Windows-1252, semicolon-separated CSV is detected, reported as info, and plans Vård och omsorg', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-sv-'));
  // What Excel's "CSV (semicolon delimited)" writes on a Swedish Windows: å = 0xE5, ö = 0xF6, CRLF.
  await writeFile(join(cwd, 'enheter.csv'), Buffer.from('alias;name\r\nvard;V\xe5rd och omsorg\r\nskola;Skola och f\xf6rskola\r\n', 'latin1'));
  await writeFile(
    join(cwd, 'bp.yaml'),
    ['version: 1', 'name: sv', 'templates:', '  unit: { type: communication, url: "/sites/{{ row.alias }}", title: "{{ row.name }}", owner: anna.andersson@contoso.onmicrosoft.com }', 'workspaces:', '  - { template: unit, rows: enheter.csv }', ''].join('\n'),
  );
  const v = await provision(cwd, 'validate', 'bp.yaml');
  expect(v.code).toBe(0);
  expect(v.stderr).toMatch(/^enheter\.csv:1:1 info BP412 read with encoding windows-1252 .* and separator ';' \(detected from the header line\)$/m);
  expect(v.stdout).toContain('2 resources');

  const p = await provision(cwd, 'plan', 'bp.yaml', '--json');
  expect(p.code).toBe(0);
  const plan = JSON.parse(p.stdout) as { changes: { address: string; after?: { title?: string } }[] };
  const titles = plan.changes.map((c) => c.after?.title);
  expect(titles).toContain('Vård och omsorg');
  expect(titles).toContain('Skola och förskola');
  expect(p.stdout).not.toContain('\uFFFD');
}, 120_000);
