/**
 * A communication site the apply would create must name its owner: SharePoint's
 * `SPSiteManager/create` refuses one without an owner for an app-only token (the local tenant's
 * default credential is a certificate). Before this check the plan showed the creates and apply
 * failed every one of them. Now a missing owner is one error of the plan (CS101) at the site's
 * line (a template's first row named, the others counted), nothing is changed; a site that
 * exists already needs no owner in the blueprint, and the plan of it converges.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';

const OWNER = 'anna.andersson@contoso.onmicrosoft.com';
const intranet = (owner: boolean) => `version: 1
name: intranet-owner
sites:
  - url: /sites/intranat
    type: communication
    title: Intranät
${owner ? `    owner: ${OWNER}\n` : ''}templates:
  unit:
    type: communication
    url: /sites/enhet-{{ row.alias }}
    title: "{{ row.alias }}"
${owner ? `    owner: ${OWNER}\n` : ''}workspaces:
  - template: unit
    rows: units.csv
`;

test('a communication site to create without owner: is one error of the plan per place, naming the rows; with owners it converges, and then needs none', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-comm-owner-'));
  await writeFile(join(cwd, 'units.csv'), 'alias\na\nb\nc\n');
  await writeFile(join(cwd, 'intranet.yaml'), intranet(false));
  const refused = await provision(cwd, 'apply', 'intranet.yaml', '--yes');
  expect(refused.code).toBe(1);
  const errors = (refused.stdout + refused.stderr).split('\n').filter((l) => / error CS101 /.test(l));
  const why = "would be created without an owner: add owner: (its owner's user principal name) to the site; SharePoint creates no communication site without one for an app-only token, and the engine always names one";
  expect(errors).toEqual([
    `intranet.yaml:4:5 error CS101 [site[/sites/intranat]] /sites/intranat ${why}`,
    `intranet.yaml:9:5 error CS101 [site[/sites/enhet-a]] /sites/enhet-a ${why} (in row 1 of units.csv, line 2, and 2 more rows)`,
  ]);
  expect(refused.stdout + refused.stderr).toContain('nothing was changed in the tenant');
  // nothing was made: the plan with owners creates all four sites
  await writeFile(join(cwd, 'intranet.yaml'), intranet(true));
  const planned = await provision(cwd, 'plan', 'intranet.yaml', '--json');
  expect(planned.code, planned.stderr).toBe(0);
  const creates = (JSON.parse(planned.stdout) as { changes: { address: string; action: string }[] }).changes.filter((c) => c.action === 'create').map((c) => c.address);
  expect(creates.sort()).toEqual(['site[/sites/enhet-a]', 'site[/sites/enhet-b]', 'site[/sites/enhet-c]', 'site[/sites/intranat]']);
  const applied = await provision(cwd, 'apply', 'intranet.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  // the sites exist now: a blueprint that describes them without owner: plans no change
  await writeFile(join(cwd, 'intranet.yaml'), intranet(false));
  const converged = await provision(cwd, 'plan', 'intranet.yaml', '--detailed-exitcode');
  expect(converged.code, converged.stdout + converged.stderr).toBe(0);
});

test('a team site to create with a team and no owners: is one error of the plan (CS103): Teams makes no team of a group without an owner', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-team-owner-'));
  const team = (owners: boolean) => `version: 1
name: team-owner
sites:
  - url: /sites/utan-agare
    type: team
    title: Utan ägare
${owners ? `    owners: [${OWNER}]\n` : ''}    team:
      channels: [{ name: Arbete }]
`;
  await writeFile(join(cwd, 'team.yaml'), team(false));
  const refused = await provision(cwd, 'apply', 'team.yaml', '--yes');
  expect(refused.code).toBe(1);
  expect((refused.stdout + refused.stderr).split('\n').filter((l) => / error CS103 /.test(l))).toEqual([
    'team.yaml:4:5 error CS103 [site[/sites/utan-agare]] /sites/utan-agare would be created without owners, so its team could not be made: add owners: (user principal names) to the site; Teams makes no team of a group without an owner ("Team owner not found for group"), and the group the engine makes has the owners the blueprint names',
  ]);
  expect(refused.stdout + refused.stderr).toContain('nothing was changed in the tenant');
  await writeFile(join(cwd, 'team.yaml'), team(true));
  const applied = await provision(cwd, 'apply', 'team.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  // the site and its group exist now: owners: left out plans no change
  await writeFile(join(cwd, 'team.yaml'), team(false));
  const converged = await provision(cwd, 'plan', 'team.yaml', '--detailed-exitcode');
  expect(converged.code, converged.stdout + converged.stderr).toBe(0);
});
