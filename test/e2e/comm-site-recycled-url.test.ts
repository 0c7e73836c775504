/**
 * A communication site pruned by the engine goes to the tenant's recycle bin and keeps its URL:
 * declared again, its create is refused (SPSiteManager's SiteStatus 3), and apply says why and
 * where it is freed, instead of only that the URL is taken.
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

test('a site deleted from a URL keeps it: declared again, apply fails naming the recycle bin', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-recycled-'));
  await writeFile(join(cwd, 'bp.yaml'), declared);
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(0);
  await writeFile(join(cwd, 'gone.yaml'), 'version: 1\nname: recycled\nprune: [site]\nsites: []\n');
  const pruned = await provision(cwd, 'apply', 'gone.yaml', '--yes', '--allow-delete-sites');
  expect(pruned.code, pruned.stdout + pruned.stderr).toBe(0);
  expect(pruned.stdout + pruned.stderr).toContain('site[/sites/recycled-comm]: destroyed');
  const again = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(again.code).not.toBe(0);
  expect(again.stdout).toMatch(/failed +site\[\/sites\/recycled-comm\]: 409 siteAlreadyExists: .*SiteStatus 3.*tenant's recycle bin for 93 days and keeps the URL until it is restored or removed there/);
});
