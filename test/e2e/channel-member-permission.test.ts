/**
 * A private channel's roster through the CLI with an app that has Group.ReadWrite.All but not
 * ChannelMember.ReadWrite.All: the channel is created with its first people (channel-post needs
 * Channel.Create), but its members cannot be read back (channel-list-members lists only the
 * ChannelMember permissions for applications): the local tenant refuses as the service does, and
 * the plan says which permission is missing. Granted, a change of the roster is applied and the
 * blueprint converges.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';

const blueprint = `version: 1
name: channel-member-permission
sites:
  - url: /sites/kanalbehorighet
    type: team
    title: Kanalbehörighet
    owners: [anna.andersson@contoso.onmicrosoft.com]
    team:
      members: [erik.johansson@contoso.onmicrosoft.com]
      channels:
        - name: Ledning
          membershipType: private
          owners: [anna.andersson@contoso.onmicrosoft.com]
          members: [erik.johansson@contoso.onmicrosoft.com]
`;

/** The local tenant's default Graph grant, less ChannelMember.ReadWrite.All. */
const withoutChannelMember = 'graph=Group.ReadWrite.All,Directory.Read.All,User.Read.All,Sites.FullControl.All,Sites.ReadWrite.All,TeamSettings.ReadWrite.All,Team.Create,Channel.Create,TeamMember.ReadWrite.All';

test("with Group.ReadWrite.All but not ChannelMember.ReadWrite.All, a private channel is created with its people but its roster cannot be read back; granted, a change converges", { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-channel-member-'));
  await writeFile(join(cwd, 'bp.yaml'), blueprint);
  // channel-post carries the first people in its body: Channel.Create is what it needs
  const made = await provision(cwd, 'apply', 'bp.yaml', '--yes', '--local-app-roles', withoutChannelMember);
  expect(made.code, made.stdout + made.stderr).toBe(0);
  // reading the roster back is channel-list-members: refused, and the plan says which permission
  const plan = await provision(cwd, 'plan', 'bp.yaml', '--local-app-roles', withoutChannelMember);
  expect(plan.code, plan.stdout + plan.stderr).not.toBe(0);
  expect(plan.stdout + plan.stderr).toMatch(/403|Forbidden/);
  expect(plan.stdout + plan.stderr).toContain('ChannelMember.Read.All');
  // granted, the plan reads the roster the create wrote, and a change to it is applied
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);
  await writeFile(join(cwd, 'bp.yaml'), blueprint.replaceAll('[erik.johansson@contoso.onmicrosoft.com]', '[erik.johansson@contoso.onmicrosoft.com, maria.karlsson@contoso.onmicrosoft.com]'));
  const added = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(added.code, added.stdout + added.stderr).toBe(0);
  const converged = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(converged.code, converged.stdout + converged.stderr).toBe(0);
});
