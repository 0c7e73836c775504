/**
 * What a new user meets in the first hour, from the CLI's side: bad option values are refused
 * before anything happens, files that cannot be read are named with what was expected, and a
 * blueprint applied from another folder is not silently planned as all new.
 */
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { provision, provisionUnread, workspaceWith } from '../support/cli.ts';

describe('option values are checked before anything else happens', () => {
  test.each([
    [['apply', 'x.yaml', '--yes', '--http-concurrency', '0'], "'--http-concurrency <n>' argument '0' is invalid. expected a whole number of at least 1"],
    [['apply', 'x.yaml', '--yes', '--concurrency', '0'], "'--concurrency <n>' argument '0' is invalid"],
    [['apply', 'x.yaml', '--yes', '--concurrency', '2.5'], "'--concurrency <n>' argument '2.5' is invalid"],
    [['apply', 'x.yaml', '--yes', '--budget-share', '1.5'], "'--budget-share <share>' argument '1.5' is invalid"],
    [['plan', 'x.yaml', '--local-time-scale', '-3'], "'--local-time-scale <n>' argument '-3' is invalid"],
    [['plan', 'x.yaml', '--local-faults', 'nope.yaml'], 'nope.yaml does not exist; expected a file'],
    [['emulator', 'start', '--port', '70000'], 'expected a port number, 1-65535'],
  ])('provision %j', async (args, message) => {
    const cwd = await workspaceWith('ambassadors');
    // The blueprint x.yaml does not exist: had the option passed, the error would be about it.
    const r = await provision(cwd, ...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('x.yaml');
    expect(r.stderr).not.toContain('Tenant:');
  });
});

test('a missing saved plan and a folder given as the blueprint say what was expected', async () => {
  const cwd = await workspaceWith('ambassadors');
  const missing = await provision(cwd, 'apply', 'nope.json', '--yes');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('the saved plan nope.json does not exist; expected a plan saved with `provision plan <blueprint> --out <file>`');
  expect(missing.stderr).not.toContain('ENOENT');
  const folder = await provision(cwd, 'plan', 'ambassadors');
  expect(folder.code).toBe(1);
  expect(folder.stderr).toContain('ambassadors is a folder; expected a blueprint YAML file (such as ambassadors/blueprint.yaml)');
  expect(folder.stderr).not.toContain('EISDIR');
});

test('a blueprint applied from another folder warns when it plans everything as new', async () => {
  const cwd = await workspaceWith('ambassadors');
  const applied = await provision(cwd, 'apply', 'ambassadors/blueprint.yaml', '--yes');
  expect(applied.code, applied.stderr).toBe(0);
  expect(applied.stderr).toContain(`state in ${join(cwd, '.provision', 'local-tenant')}`);
  expect(applied.stderr).not.toContain('warning: this plan creates everything');

  // The same folder: the tenant is found, nothing to do, no warning.
  const again = await provision(cwd, 'plan', 'ambassadors/blueprint.yaml', '--detailed-exitcode');
  expect(again.code, again.stdout).toBe(0);
  expect(again.stderr).not.toContain('warning');

  // From the blueprint's own folder: a new empty local tenant, and the warning names the other one.
  const inside = join(cwd, 'ambassadors');
  const elsewhere = await provision(inside, 'plan', 'blueprint.yaml');
  expect(elsewhere.code).toBe(0);
  expect(elsewhere.stderr).toContain(`state in ${join(inside, '.provision', 'local-tenant')}`);
  expect(elsewhere.stderr).toContain(`warning: this plan creates everything, but blueprint.yaml was applied to the local tenant kept in ${join(cwd, '.provision')}`);
  expect(elsewhere.stderr).toContain(`run from ${cwd}`);

  // A folder where it was never applied has no warning.
  const fresh = await workspaceWith('ambassadors');
  await mkdir(join(fresh, 'other'));
  const never = await provision(join(fresh, 'other'), 'plan', '../ambassadors/blueprint.yaml');
  expect(never.code).toBe(0);
  expect(never.stderr).not.toContain('warning');
});

test('a reader that has gone (`| head`) neither crashes a command nor cuts an apply short', async () => {
  const cwd = await workspaceWith('ambassadors');
  // stdout's pipe is closed before the command starts: its first write (the plan) fails with EPIPE.
  const planned = await provisionUnread(cwd, 'plan', 'ambassadors/blueprint.yaml', '--detailed-exitcode');
  expect(planned.code, planned.stderr).toBe(2);
  expect(planned.stderr).not.toContain('EPIPE');

  const applied = await provisionUnread(cwd, 'apply', 'ambassadors/blueprint.yaml', '--yes');
  expect(applied.code, applied.stderr).toBe(0);
  expect(applied.stderr).not.toContain('EPIPE');
  // The apply went through although nobody read its plan or its summary.
  const again = await provision(cwd, 'plan', 'ambassadors/blueprint.yaml', '--detailed-exitcode');
  expect(again.code, again.stdout).toBe(0);
  expect(again.stdout).toContain('No changes');
});

test('a faults file that does not parse, or is too large to be one, is named in the error', async () => {
  const cwd = await workspaceWith('ambassadors');
  await writeFile(join(cwd, 'broken.yaml'), 'rates: [\n');
  const broken = await provision(cwd, 'plan', 'ambassadors/blueprint.yaml', '--local-faults', 'broken.yaml');
  expect(broken.code).toBe(1);
  expect(broken.stderr).toContain('error: broken.yaml: ');
  await writeFile(join(cwd, 'huge.json'), '{');
  await truncate(join(cwd, 'huge.json'), 2 * 1024 * 1024);
  const huge = await provision(cwd, 'plan', 'ambassadors/blueprint.yaml', '--local-faults', 'huge.json');
  expect(huge.code).toBe(1);
  expect(huge.stderr).toContain('error: huge.json: larger than 1 MiB; a faults file holds a few rates and scripted faults');
});

test('provision --version prints the installed version', async () => {
  const cwd = await workspaceWith('ambassadors');
  const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const r = await provision(cwd, flag);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  }
});
