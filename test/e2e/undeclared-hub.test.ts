/**
 * A site that joins a hub the blueprint does not declare: the hub must already be one in the
 * tenant. A typo is one error of the plan (HB101) at the template's line, naming the first row,
 * counting the others and guessing the hub meant, before anything is changed; the right URL
 * joins and converges.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';

const hub = `version: 1
name: hub-owner
sites:
  - url: /sites/forvaltning-hub
    type: communication
    title: Förvaltningen
    owner: anna.andersson@contoso.onmicrosoft.com
    hub: { title: Förvaltningen }
`;
const units = (hubUrl: string) => `version: 1
name: hub-units
templates:
  unit:
    type: communication
    url: /sites/enhet-{{ row.alias }}
    title: "{{ row.alias }}"
    owner: anna.andersson@contoso.onmicrosoft.com
    hubSite: ${hubUrl}
workspaces:
  - template: unit
    rows: units.csv
`;

test('a hub the blueprint joins without declaring it must be one in the tenant: a typo is one error naming the rows; the right URL converges', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-hub-'));
  await writeFile(join(cwd, 'hub.yaml'), hub);
  expect((await provision(cwd, 'apply', 'hub.yaml', '--yes')).code).toBe(0);
  await writeFile(join(cwd, 'units.csv'), 'alias\na\nb\nc\n');
  await writeFile(join(cwd, 'units.yaml'), units('/sites/forvaltnings-hub'));
  const typo = await provision(cwd, 'plan', 'units.yaml');
  expect(typo.code).toBe(1);
  const errors = (typo.stdout + typo.stderr).split('\n').filter((l) => / error HB101 /.test(l));
  expect(errors).toEqual([
    "units.yaml:9:14 error HB101 [site[/sites/enhet-a]/hubAssociation] hubSite: /sites/forvaltnings-hub is not a hub site in the tenant, and the blueprint does not declare it with hub: (did you mean '/sites/forvaltning-hub'?) (in row 1 of units.csv, line 2, and 2 more rows)",
  ]);
  expect(typo.stdout + typo.stderr).toContain('nothing was changed in the tenant');
  await writeFile(join(cwd, 'units.yaml'), units('/sites/forvaltning-hub'));
  const applied = await provision(cwd, 'apply', 'units.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  const converged = await provision(cwd, 'plan', 'units.yaml', '--detailed-exitcode');
  expect(converged.code, converged.stdout + converged.stderr).toBe(0);
});
