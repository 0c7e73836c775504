/**
 * A communication site pruned by the engine goes to the tenant's recycle bin and keeps its URL:
 * declared again, its create would be refused (SPSiteManager's SiteStatus 3). The plan reads the
 * recycle bin for a site it does not find (kinds/shared/recycle-bin.ts) and shows it as not readable
 * as the blueprint's, saying why and where the URL is freed; apply makes nothing there. Before, the
 * plan showed a create that apply then failed.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';

const declared = `version: 1
name: recycled
prune: [site]
sites:
  - url: /sites/recycled-comm
    type: communication
    title: Återvunnen
    owner: anna.andersson@contoso.onmicrosoft.com
`;

test('a site deleted from a URL keeps it: declared again, the plan names the recycle bin and apply makes nothing', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-recycled-'));
  await writeFile(join(cwd, 'bp.yaml'), declared);
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(0);
  await writeFile(join(cwd, 'gone.yaml'), 'version: 1\nname: recycled\nprune: [site]\nsites: []\n');
  const pruned = await provision(cwd, 'apply', 'gone.yaml', '--yes', '--allow-delete-sites');
  expect(pruned.code, pruned.stdout + pruned.stderr).toBe(0);
  expect(pruned.stdout + pruned.stderr).toContain('site[/sites/recycled-comm]: destroyed');
  const planned = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(planned.code).toBe(1);
  expect(planned.stdout).toMatch(/\? commSite site\[\/sites\/recycled-comm\]\n +\(a site deleted from \/sites\/recycled-comm is in the tenant's recycle bin \(deleted \d{4}-\d\d-\d\d, 93 days before SharePoint removes it for good\) and holds the URL: .*restored.*removed from there/);
  expect(planned.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy. 1 could not be read.');
  const again = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(again.code).not.toBe(0);
  expect(again.stdout).toMatch(/\? commSite site\[\/sites\/recycled-comm\]\n +\(a site deleted from \/sites\/recycled-comm is in the tenant's recycle bin/);
  expect(again.stdout + again.stderr).not.toMatch(/siteAlreadyExists|created|Apply complete/);
});
