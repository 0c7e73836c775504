/**
 * `provision apply --progress periodic`: in a pipeline log, a status line every interval and the
 * failures as they happen, instead of a line a change (what an apply of 10,000 workspaces logs by
 * default); `--markdown` writes the outcome for a job summary. From the real CLI against the local tenant, slowed so that the apply spans intervals.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';

const owner = 'anna.andersson@contoso.onmicrosoft.com';
const blueprint = `version: 1
name: progress
sites:
${['pr-a', 'pr-b', 'pr-c'].map((s) => `  - url: /sites/${s}\n    type: communication\n    title: ${s}\n    owner: ${owner}\n    lists:\n      - { url: Avtal, template: documentLibrary }\n`).join('')}`;

test('periodic progress prints status lines, not a line a change, and the apply converges', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-progress-'));
  await writeFile(join(cwd, 'b.yaml'), blueprint);
  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes', '--progress', 'periodic', '--progress-interval', '1s', '--markdown', 'apply.md', '--local-profile', 'realistic', '--local-time-scale', '20');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  const status = applied.stderr.split('\n').filter((l) => /^\[\d\d:\d\d:\d\d\] workspaces \d+\/3 done/.test(l));
  expect(status.length).toBeGreaterThanOrEqual(2);
  expect(status.at(-1)).toMatch(/workspaces 3\/3 done, 0 in flight, 0 pending · changes 6\/6, 0 failed/);
  // No line a change: the per-change printer's counter and verbs are absent.
  expect(applied.stderr).not.toMatch(/\[\s*\d+\/6\] site\[/);
  expect(applied.stdout).toContain('Apply complete');
  // The outcome as Markdown, for a job summary.
  expect(await readFile(join(cwd, 'apply.md'), 'utf8')).toMatch(/^### m365-provision apply: progress on local \(contoso\)\n\n\*\*Apply complete in [\d.]+ s: 6 succeeded, 0 failed, 0 pending, 0 skipped, 0 unchanged\.\*\*\n$/);
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
  expect((await provision(cwd, 'apply', 'b.yaml', '--yes', '--markdown', 'again.md')).code).toBe(0);
  expect(await readFile(join(cwd, 'again.md'), 'utf8')).toBe('### m365-provision apply: progress on local (contoso)\n\n**No changes. The tenant matches the blueprint (6 resources checked).**\n');
  const bad = await provision(cwd, 'apply', 'b.yaml', '--yes', '--progress', 'sometimes');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("Allowed choices are auto, lines, periodic");
  // An interval for the mode that has none is a contradiction said at once, before anything is read.
  const both = await provision(cwd, 'apply', 'b.yaml', '--yes', '--progress', 'lines', '--progress-interval', '30s');
  expect(both.code).toBe(1);
  expect(both.stderr).toContain('--progress-interval sets how often periodic progress prints its status line, and --progress lines prints a line a change instead');
  // A status line every few milliseconds would flood the log the mode keeps short.
  const flood = await provision(cwd, 'apply', 'b.yaml', '--yes', '--progress', 'periodic', '--progress-interval', '10ms');
  expect(flood.code).toBe(1);
  expect(flood.stderr).toContain('expected at least 1s');
}, 180_000);
