/**
 * A blueprint stamped from a CSV: the messages that come after validation name the row the site
 * was stamped from, since the line to fix is in the CSV, not in the template. A user missing
 * from the directory (the plan's check), and a change the service refuses (apply's summary).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';

const blueprint = `version: 1
name: rows
templates:
  unit:
    type: team
    url: /sites/rows-{{ row.alias }}
    title: "{{ row.alias }}"
    owners: ["{{ row.owner }}"]
    team:
      members: ["{{ row.member }}"]
      channels:
        - name: Ledning
          membershipType: private
          owners: ["{{ row.owner }}"]
          members: ["{{ row.deputy }}"]
workspaces:
  - template: unit
    rows: units.csv
`;
const D = '@contoso.onmicrosoft.com';

test('a missing user and a refused change name the row of the CSV; fixed there, the blueprint converges', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-rows-'));
  await writeFile(join(cwd, 'bp.yaml'), blueprint);
  const csv = (rows: string[]) => writeFile(join(cwd, 'units.csv'), ['alias,owner,member,deputy', ...rows].join('\n') + '\n');
  await csv([`a,anna.andersson${D},erik.johansson${D},erik.johansson${D}`, `b,nobody.here${D},maria.karlsson${D},maria.karlsson${D}`]);
  const missing = await provision(cwd, 'plan', 'bp.yaml');
  expect(missing.code).toBe(1);
  expect(missing.stdout + missing.stderr).toMatch(/PR101 \[site\[\/sites\/rows-b\]\] owner 'nobody\.here@contoso\.onmicrosoft\.com' does not exist in the tenant's directory \(named 3 more times in site\[\/sites\/rows-b\]\) \(in row 2 of units\.csv, line 3\)/);

  // row b's deputy is not in its team: the private channel's create is refused (validate warns, BP510)
  await csv([`a,anna.andersson${D},erik.johansson${D},erik.johansson${D}`, `b,sara.svensson${D},maria.karlsson${D},lars.nilsson${D}`]);
  const refused = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(refused.code).not.toBe(0);
  expect(refused.stdout + refused.stderr).toContain('BP510');
  expect(refused.stdout).toMatch(/failed +site\[\/sites\/rows-b\]\/team\/channel\[Ledning\] \(row 2 of units\.csv, line 3\): 400/);
  expect(refused.stdout).not.toMatch(/failed +site\[\/sites\/rows-a\]/);

  await csv([`a,anna.andersson${D},erik.johansson${D},erik.johansson${D}`, `b,sara.svensson${D},maria.karlsson${D},maria.karlsson${D}`]);
  const fixed = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
  const converged = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(converged.code, converged.stdout + converged.stderr).toBe(0);
});
