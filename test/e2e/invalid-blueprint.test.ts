/** A blueprint with several mistakes: each reported with file:line:col, exit 1, no tenant touched. */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';

const broken = `version: 1
name: broken
sites:
  - url: /sites/bad url
    type: team
    title: Bad
    owners: [not-an-email]
  - url: /sites/plan
    type: communication
    titel: Plan
    lists:
      - url: Docs
        title: Docs
        template: documentLibrary
        columns:
          - use: missingColumn
`;

test.each(['validate', 'plan', 'apply'])('%s reports every mistake with its place and never contacts a tenant', async (command) => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-bad-'));
  await writeFile(join(cwd, 'broken.yaml'), broken);
  const result = await provision(cwd, command, 'broken.yaml', ...(command === 'apply' ? ['--yes'] : []));
  expect(result.code).toBe(1);
  const lines = result.stderr.split('\n').filter((l) => l.startsWith('broken.yaml:'));
  expect(lines.length).toBeGreaterThanOrEqual(4);
  expect(result.stderr).toMatch(/^broken\.yaml:4:\d+ error /m);
  expect(result.stderr).toMatch(/^broken\.yaml:7:\d+ error /m);
  expect(result.stderr).toMatch(/^broken\.yaml:10:\d+ error /m);
  expect(result.stderr).toMatch(/^broken\.yaml:16:\d+ error /m);
  expect(result.stderr).not.toContain('Tenant:');
  expect(existsSync(join(cwd, '.provision'))).toBe(false);
});
