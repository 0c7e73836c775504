import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlueprint, MAX_FILE_BYTES } from '../../src/blueprint/index.ts';
import { HEAD, load, where } from './helpers.ts';

describe('limits and YAML problems (BP1xx)', () => {
  it('BP102 YAML syntax error with its position', async () => {
    const r = await load(['version: 1', 'name: a: b']);
    expect(where(r)).toEqual(['BP102 2:7']);
    expect(r.desired).toBeUndefined();
    const r2 = await load(['version: 1', 'sites:', '  - url: "/sites/a', '    type: team']);
    expect(where(r2)).toEqual(['BP102 5:1']);
    expect(r2.diagnostics[0]!.message).toBe('Missing closing "quote');
  });

  it('BP103 more than one document, at the second one', async () => {
    const r = await load(['version: 1', '---', 'version: 1']);
    expect(where(r)).toEqual(['BP103 2:1']);
  });

  it('BP104 duplicate key, at the second key', async () => {
    const r = await load([...HEAD, 'sites:', '  - url: /sites/a', '    type: team', '    url: /sites/b', '    title: X']);
    expect(where(r)).toEqual(['BP104 6:5']);
  });

  it('BP105 alias bomb', async () => {
    const lines = ['version: 1', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++) {
      const prev = names[i - 1]!;
      lines.push(`${names[i]}: &${names[i]} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const r = await load(lines);
    expect(where(r)).toEqual(['BP105 1:1']);
  });

  it('allows a few aliases', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - { url: /sites/a, type: communication, title: A, lists: &lists [{ url: L, template: genericList }] }',
      '  - { url: /sites/b, type: communication, title: B, lists: *lists }',
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.desired!.resources).toHaveLength(4);
  });

  it('BP101 file larger than 5 MiB', async () => {
    const big = 'version: 1\n# ' + 'x'.repeat(MAX_FILE_BYTES) + '\n';
    const r = await load(big);
    expect(where(r)).toEqual(['BP101 1:1']);
    const dir = await mkdtemp(join(tmpdir(), 'bp-'));
    await writeFile(join(dir, 'big.yaml'), big);
    expect(where(await loadBlueprint(join(dir, 'big.yaml')))).toEqual(['BP101 1:1']);
  });

  it('BP100 file not found', async () => {
    const r = await loadBlueprint('/nonexistent/blueprint.yaml');
    expect(where(r)).toEqual(['BP100 1:1']);
    expect(r.diagnostics[0]!.message).toContain('not found');
  });

  it('BP106 version missing or not 1', async () => {
    expect(where(await load(['name: x']))).toEqual(['BP106 1:1']);
    const r = await load(['version: 2', 'name: x']);
    expect(where(r)).toEqual(['BP106 1:10']);
    expect(r.diagnostics[0]!.message).toContain("'version: 1'");
  });

  it('BP107 empty blueprint or not a mapping', async () => {
    expect(where(await load(''))).toEqual(['BP107 1:1']);
    expect(where(await load(['- a', '- b']))).toEqual(['BP107 1:1']);
  });

  it('BP404 CSV larger than 5 MiB or with more than 10,000 rows', async () => {
    const tpl = [...HEAD, 'templates: { t: { type: team, url: "/sites/{{ row.a }}", title: x } }', 'workspaces: [{ template: t, rows: d.csv }]'];
    const many = 'a\n' + Array.from({ length: 10_001 }, (_, i) => `s${i}`).join('\n');
    expect(where(await load(tpl, { 'd.csv': many }))).toEqual(['BP404 4:35']);
    const huge = 'a\n' + 'x'.repeat(MAX_FILE_BYTES);
    expect(where(await load(tpl, { 'd.csv': huge }))).toEqual(['BP404 4:35']);
  });
});
