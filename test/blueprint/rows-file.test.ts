/**
 * `rows:` stays inside the blueprint's folder (issue 8, point 2): absolute paths, `..`, symlinks
 * leading out, /proc, devices and folders are refused at the `rows:` position (BP410), and
 * nothing of a refused file appears in any diagnostic. Real files in a temporary folder.
 */
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlueprint } from '../../src/blueprint/index.ts';
import { where } from './helpers.ts';

const SECRET = 'Sup3rS3cretValue-never-echo';

async function folder(rows: string): Promise<{ dir: string; bp: string; outside: string }> {
  const root = await mkdtemp(join(tmpdir(), 'bp-rows-'));
  const dir = join(root, 'repo', 'blueprints', 'x');
  await mkdir(dir, { recursive: true });
  // A file outside the blueprint's folder, shaped like a secret store (one header-ish line).
  const outside = join(root, 'secrets.env');
  await writeFile(outside, `AZURE_CLIENT_SECRET=${SECRET}\nOTHER=1\n`);
  await writeFile(join(root, 'repo', 'outside.csv'), `a\n${SECRET}\n`);
  const bp = join(dir, 'blueprint.yaml');
  await writeFile(
    bp,
    ['version: 1', 'name: t', 'templates: { t: { type: team, url: "/sites/{{ row.a }}", title: x } }', `workspaces: [{ template: t, rows: ${rows} }]`, ''].join('\n'),
  );
  return { dir, bp, outside };
}

function noEcho(r: { diagnostics: { message: string; file: string }[] }): void {
  for (const d of r.diagnostics) {
    expect(d.message).not.toContain(SECRET);
    expect(d.message).not.toContain('AZURE_CLIENT_SECRET');
  }
}

describe('rows: stays inside the blueprint folder (BP410)', () => {
  it('refuses an absolute path, without reading it', async () => {
    const { bp, outside } = await folder('PLACEHOLDER');
    await writeFile(bp, (await readFile(bp, 'utf8')).replace('PLACEHOLDER', outside));
    const r = await loadBlueprint(bp);
    expect(where(r)).toEqual(['BP410 4:35']);
    expect(r.diagnostics[0]!.message).toContain('absolute');
    noEcho(r);
  });

  it('refuses /proc/self/environ and a ../ escape', async () => {
    for (const rows of ['/proc/self/environ', '../../outside.csv', 'sub/../../../outside.csv']) {
      const { bp } = await folder(rows);
      const r = await loadBlueprint(bp);
      expect(where(r), rows).toEqual(['BP410 4:35']);
      noEcho(r);
    }
  });

  it('refuses a symlink that leads outside, also through a linked folder, and one into /proc', async () => {
    const { dir, bp, outside } = await folder('rows.csv');
    await symlink(outside, join(dir, 'rows.csv'));
    let r = await loadBlueprint(bp);
    expect(where(r)).toEqual(['BP410 4:35']);
    expect(r.diagnostics[0]!.message).toContain("outside the blueprint's folder");
    noEcho(r);

    const b = await folder('linked/outside.csv');
    await symlink(join(b.dir, '..', '..'), join(b.dir, 'linked'));
    r = await loadBlueprint(b.bp);
    expect(where(r)).toEqual(['BP410 4:35']);
    noEcho(r);

    const c = await folder('env.csv');
    await symlink('/proc/self/environ', join(c.dir, 'env.csv'));
    r = await loadBlueprint(c.bp);
    expect(where(r)).toEqual(['BP410 4:35']);
    noEcho(r);
  });

  it('refuses a device, a FIFO and a folder inside the folder', async () => {
    const a = await folder('null.csv');
    await symlink('/dev/null', join(a.dir, 'null.csv'));
    expect(where(await loadBlueprint(a.bp))).toEqual(['BP410 4:35']);

    const b = await folder('pipe.csv');
    execFileSync('mkfifo', [join(b.dir, 'pipe.csv')]);
    const r = await loadBlueprint(b.bp); // must not hang on the FIFO
    expect(where(r)).toEqual(['BP410 4:35']);
    expect(r.diagnostics[0]!.message).toContain('not a regular file');

    const c = await folder('sub');
    await mkdir(join(c.dir, 'sub'));
    expect(where(await loadBlueprint(c.bp))).toEqual(['BP410 4:35']);
  });

  it('reads a file inside the folder, also through a symlink that stays inside', async () => {
    const { dir, bp } = await folder('data/link.csv');
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data', 'real.csv'), 'a\nhr\nit\n');
    await symlink('real.csv', join(dir, 'data', 'link.csv'));
    const r = await loadBlueprint(bp);
    expect(r.diagnostics).toEqual([]);
    expect(r.desired!.resources.map((x) => x.address)).toEqual(['site[/sites/hr]', 'site[/sites/it]']);
  });

  it('a file whose name starts with two dots is inside, and is read', async () => {
    const { dir, bp } = await folder('..data.csv');
    await writeFile(join(dir, '..data.csv'), 'a\nhr\n');
    const r = await loadBlueprint(bp);
    expect(r.diagnostics).toEqual([]);
  });

  it('the object form is checked the same way, at the file: position', async () => {
    const { bp } = await folder('{ file: /proc/self/environ, separator: ";" }');
    const r = await loadBlueprint(bp);
    expect(where(r)).toEqual(['BP410 4:43']);
    noEcho(r);
  });
});
