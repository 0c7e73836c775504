/**
 * Names as the service takes them (issue 8, point 6): invalid UTF-8, control, bidi and
 * zero-width characters, `_vti_` and the names SharePoint refuses are diagnostics with positions;
 * names are compared in NFC and case-insensitively; lookalike names are warned about.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlueprint } from '../../src/blueprint/index.ts';
import { HEAD, load, where } from './helpers.ts';

const site = (url: string, title = 'T'): string[] => ['sites:', `  - url: "${url}"`, '    type: communication', `    title: "${title}"`];

describe('invalid UTF-8 (BP108, BP411)', () => {
  it('a blueprint with an invalid byte is refused with its line:col, not applied as U+FFFD', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bp-utf8-'));
    const file = join(dir, 'blueprint.yaml');
    // "Värd" in Latin-1 inside a UTF-8 file: 0xE4 is not valid UTF-8 here.
    await writeFile(file, Buffer.concat([Buffer.from('version: 1\nname: t\nsites:\n  - url: /sites/a\n    type: communication\n    title: V'), Buffer.from([0xe4]), Buffer.from('rd\n')]));
    const r = await loadBlueprint(file);
    expect(where(r)).toEqual(['BP108 6:13']);
    expect(r.diagnostics[0]!.message).toContain('byte 0xe4');
    expect(r.desired).toBeUndefined();
  });

  it('a UTF-16 blueprint (Notepad "Unicode") is named as such', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bp-utf16-'));
    const file = join(dir, 'blueprint.yaml');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\n', 'utf16le')]));
    const r = await loadBlueprint(file);
    expect(where(r)).toEqual(['BP108 1:1']);
    expect(r.diagnostics[0]!.message).toContain('UTF-16');
  });

  it('a UTF-8 blueprint with a BOM and non-ASCII text is fine', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bp-utf8-'));
    const file = join(dir, 'blueprint.yaml');
    await writeFile(file, '\uFEFFversion: 1\nname: t\nsites:\n  - { url: /sites/a, type: communication, title: Värd och omsorg }\n');
    const r = await loadBlueprint(file);
    expect(r.diagnostics).toEqual([]);
    expect((r.desired!.resources[0]!.props as { title: string }).title).toBe('Värd och omsorg');
  });

  it('a CSV stated as UTF-8 with an invalid byte: BP411 at the byte', async () => {
    const r = await load([...HEAD, 'templates: { t: { type: team, url: "/sites/{{ row.a }}", title: "{{ row.b }}" } }', 'workspaces: [{ template: t, rows: { file: d.csv, encoding: utf-8 } }]'], {
      'd.csv': Buffer.from('a,b\nhr,V\xe4rd\n', 'latin1'),
    });
    expect(where(r)).toEqual(['BP411 2:5']);
    expect(r.diagnostics[0]!.file).toBe('bp/d.csv');
  });
});

describe('characters no name may hold (BP315)', () => {
  const cases: [string, string][] = [
    ['NUL', '\\0'],
    ['a control character (BEL)', '\\a'],
    ['an escape (ESC)', '\\e'],
    ['a C1 control', '\\x85'],
    ['a right-to-left override', '\\u202E'],
    ['a left-to-right embedding', '\\u202A'],
    ['a first-strong isolate', '\\u2068'],
    ['a zero-width space', '\\u200B'],
    ['a zero-width joiner', '\\u200D'],
    ['a BOM inside', '\\uFEFF'],
    ['a line feed', '\\n'],
  ];
  it.each(cases)('%s in a site URL is BP315 at the url', async (_what, esc) => {
    const r = await load([...HEAD, ...site(`/sites/hr${esc}x`)]);
    expect(where(r)).toEqual(['BP315 4:10']);
    expect(r.desired).toBeUndefined();
    // The message names the code point and never carries the character itself.
    expect(r.diagnostics[0]!.message).toMatch(/U\+[0-9A-F]{4}/);
    expect(r.diagnostics[0]!.message).not.toMatch(/[\u0000-\u001f\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
  });

  it('in a list URL, a site title, a list title and a column display name', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - url: /sites/hr',
      '    type: communication',
      '    title: "HR\\u202Egpj.exe"',
      '    lists:',
      '      - { url: "Doc\\u200Bs", template: documentLibrary, title: "Docs\\u2066" }',
      '    columns:',
      '      - { name: Fee, type: number, displayName: "Fee\\u200D" }',
    ]);
    expect(where(r)).toEqual(['BP315 6:12', 'BP315 8:16', 'BP315 8:64', 'BP315 10:49']);
  });

  it('in a channel name and a tab name', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - url: /sites/net',
      '    type: team',
      '    title: Net',
      '    team:',
      '      channels:',
      '        - name: "Fr\u00e5gor\u200B"',
      '          tabs: [{ name: "Web\u2060b", website: "https://example.org" }]',
      '        - name: Ledning',
      '          tabs: [{ name: "Web\u2060b", website: "https://example.org" }]',
    ]);
    expect(where(r)).toEqual(['BP315 9:17', 'BP315 12:26']);
  });

  it('NUL or a bidi override in any text (a description) is BP315; tabs and line breaks there are fine', async () => {
    const r = await load([...HEAD, 'description: "ok\\tline\\nnext"', ...site('/sites/a'), '    description: "x\\u202Ey"']);
    expect(where(r)).toEqual(['BP315 8:18']);
  });

  it('in a value from a CSV row: BP315 at the CSV line:col, and at the template for the name', async () => {
    const r = await load([...HEAD, 'templates: { t: { type: team, url: "/sites/{{ row.a }}", title: x } }', 'workspaces: [{ template: t, rows: d.csv }]'], {
      'd.csv': 'a\nhr\nit\u202Eevil\n',
    });
    expect(where(r)).toEqual(['BP315 3:36', 'BP315 3:3']);
    expect(r.diagnostics[1]!.file).toBe('bp/d.csv');
  });
});

describe('names SharePoint refuses (BP304, BP305, BP306)', () => {
  it('_vti_ anywhere in a site URL, a list URL or a column name', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - url: /sites/a_vti_b',
      '    type: communication',
      '    title: A',
      '  - url: /sites/b',
      '    type: communication',
      '    title: B',
      '    lists: [{ url: x_vti_cnf, template: genericList }]',
      '    columns: [{ name: Col_vti_x, type: text }]',
    ]);
    expect(where(r)).toEqual(['BP304 4:10', 'BP305 10:20', 'BP306 11:23']);
    expect(r.diagnostics.every((d) => d.message.includes('_vti_'))).toBe(true);
  });

  it('folder names SharePoint refuses as a list URL, and site names with + or a leading _', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - url: /sites/a+b',
      '    type: communication',
      '    title: A',
      '  - url: /sites/_hidden',
      '    type: communication',
      '    title: B',
      '    lists: [{ url: CON, template: genericList }, { url: lpt1, template: genericList }, { url: desktop.ini, template: genericList }]',
    ]);
    expect(where(r)).toEqual(['BP304 4:10', 'BP304 7:10', 'BP305 10:20', 'BP305 10:57', 'BP305 10:95']);
  });
});

describe('names compared as the service compares them', () => {
  it('/sites/Café in NFD and in NFC are one site (BP301); so are /sites/HR and /sites/hr', async () => {
    const nfd = '/sites/Cafe\u0301';
    const nfc = '/sites/caf\u00e9';
    const r = await load([
      ...HEAD,
      'sites:',
      `  - { url: "${nfd}", type: communication, title: A }`,
      `  - { url: "${nfc}", type: communication, title: B }`,
      '  - { url: /sites/HR, type: communication, title: C }',
      '  - { url: /sites/hr, type: communication, title: D }',
    ]);
    expect(where(r)).toEqual(['BP301 5:5', 'BP301 7:5']);
    expect(r.diagnostics[0]!.message).toContain('also declared at bp/blueprint.yaml:4:5');
  });

  it('an NFD name is read in NFC (what the tenant gets)', async () => {
    const r = await load([...HEAD, 'sites:', '  - { url: /sites/a, type: communication, title: "Cafe\u0301" }']);
    expect((r.desired!.resources[0]!.props as { title: string }).title).toBe('Caf\u00e9');
  });

  it('list URLs in a site: NFD/NFC and case duplicates', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - url: /sites/a',
      '    type: communication',
      '    title: A',
      '    lists: [{ url: "Me\u0301moires", template: genericList }, { url: "m\u00e9moires", template: genericList }]',
    ]);
    expect(where(r)).toEqual(['BP301 7:58']);
  });

  it('a Cyrillic а in a Latin name: a warning naming both places, and the mixed script', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - { url: /sites/handbok, type: communication, title: A }',
      '  - { url: "/sites/h\u0430ndbok", type: communication, title: B }',
    ]);
    expect(r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}:${d.col}`)).toEqual(['BP316 warning 5:5', 'BP316 warning 5:12']);
    const pair = r.diagnostics.find((d) => d.message.includes('looks like'))!;
    expect(pair.message).toContain("looks like 'site[/sites/handbok]' at bp/blueprint.yaml:4:5");
    expect(r.diagnostics.find((d) => d.message.includes('mixes'))!.message).toContain('Cyrillic');
    expect(r.desired).toBeDefined(); // warnings do not block
  });

  it('lookalikes name the first of them, whichever is written first: the Latin name or a lookalike', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - { url: "/sites/h\u0430ndbok", type: communication, title: A }',
      '  - { url: /sites/handbok, type: communication, title: B }',
      '  - { url: "/sites/h\u0430ndb\u043ek", type: communication, title: C }',
    ]);
    const pairs = r.diagnostics.filter((d) => d.message.includes('looks like')).map((d) => `${d.line} ${d.message.slice(0, d.message.indexOf(':', d.message.indexOf('yaml:') + 5))}`);
    expect(pairs).toEqual([
      "5 site URL '/sites/handbok' looks like 'site[/sites/h\u0430ndbok]' at bp/blueprint.yaml:4",
      "6 site URL '/sites/h\u0430ndb\u043ek' looks like 'site[/sites/h\u0430ndbok]' at bp/blueprint.yaml:4",
    ]);
  });

  it('a name wholly in another script is not "mixed"', async () => {
    const r = await load([...HEAD, 'sites:', '  - { url: "/sites/\u043d\u043e\u0432\u043e\u0441\u0442\u0438", type: communication, title: A }']);
    expect(r.diagnostics).toEqual([]);
  });
});
