/**
 * `provision plan --markdown <file>`: the plan as Markdown for a pull request comment, written
 * beside the text plan (or instead of it with `-`), from the real CLI against the local tenant.
 * A list the blueprint drops and prunes is the delete the comment must show first, before the
 * create; applying the plan converges.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';

const owner = 'anna.andersson@contoso.onmicrosoft.com';

const blueprint = (withArchive: boolean) => `version: 1
name: plan-md
prune: [list]
sites:
  - url: /sites/plan-md
    type: communication
    title: Plan as Markdown
    owner: ${owner}
    lists:
      - url: Cases
        template: genericList
${withArchive ? '      - url: Archive\n        template: genericList\n' : '      - url: Decisions\n        template: genericList\n'}`;

test('plan --markdown writes a bounded Markdown plan with the destructive change first; - prints it instead of the text', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-plan-md-'));
  await writeFile(join(cwd, 'b.yaml'), blueprint(true));
  const made = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(made.code, made.stderr).toBe(0);
  // The blueprint drops Archive (prune: [list]) and adds Decisions.
  await writeFile(join(cwd, 'b.yaml'), blueprint(false));

  const plan = await provision(cwd, 'plan', 'b.yaml', '--markdown', 'plan.md', '--detailed-exitcode');
  expect(plan.code, plan.stderr).toBe(2);
  expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
  expect(plan.stderr).toMatch(/Wrote the plan as Markdown to plan\.md \(\d+ characters\)/);
  const md = await readFile(join(cwd, 'plan.md'), 'utf8');
  expect(md).toContain('### m365-provision plan: plan-md on local');
  expect(md).toContain('**Plan: 1 to add, 0 to change, 1 to destroy.**');
  expect(md).toContain('| list | 1 | 1 |');
  const destroy = md.indexOf('-   list site[/sites/plan-md]/list[Archive]');
  const add = md.indexOf('+   list site[/sites/plan-md]/list[Decisions]');
  expect(destroy).toBeGreaterThan(md.indexOf('<details open><summary>Destructive and unreadable changes (1)</summary>'));
  expect(add).toBeGreaterThan(destroy);

  const printed = await provision(cwd, 'plan', 'b.yaml', '--markdown', '-', '--markdown-max-chars', '2000');
  expect(printed.code, printed.stderr).toBe(0);
  expect(printed.stdout.startsWith('### m365-provision plan: plan-md on local')).toBe(true);
  expect(printed.stdout.length).toBeLessThanOrEqual(2001);

  const both = await provision(cwd, 'plan', 'b.yaml', '--json', '--markdown', '-');
  expect(both.code).toBe(1);
  expect(both.stderr).toContain('--json and --markdown - both print the plan');
  const small = await provision(cwd, 'plan', 'b.yaml', '--markdown', 'x.md', '--markdown-max-chars', '10');
  expect(small.code).toBe(1);
  expect(small.stderr).toContain('expected a whole number of characters from 2000 to 10000000');
  // A bound without the Markdown it bounds is a mistake said at once, not ignored.
  const alone = await provision(cwd, 'plan', 'b.yaml', '--markdown-max-chars', '5000');
  expect(alone.code).toBe(1);
  expect(alone.stderr).toContain('--markdown-max-chars bounds the Markdown plan, and there is none without --markdown <file>');

  // Applied (the list is empty, so no consent is asked), the next plan is empty.
  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(applied.code, applied.stderr).toBe(0);
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
}, 180_000);
