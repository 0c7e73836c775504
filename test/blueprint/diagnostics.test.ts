import { describe, expect, it } from 'vitest';
import { HEAD, load, UPN1, UPN2, where } from './helpers.ts';

const comm = (url: string, extra = ''): string => `  - { url: ${url}, type: communication, title: T${extra} }`;

describe('schema diagnostics (BP2xx)', () => {
  it('BP201 unknown property at the key, with a suggestion', async () => {
    const r = await load([...HEAD, 'sites:', '  - url: /sites/a', '    type: communication', '    titel: A', '    title: A']);
    expect(where(r)).toEqual(['BP201 6:5']);
    expect(r.diagnostics[0]!.message).toBe("unknown property 'titel' (did you mean 'title'?)");
    expect(r.desired).toBeUndefined();
  });

  it('BP202 missing required property at the object', async () => {
    const r = await load([...HEAD, 'sites:', '  - url: /sites/a', '    type: team']);
    expect(where(r)).toEqual(['BP202 4:5']);
    expect(r.diagnostics[0]!.message).toBe("missing required property 'title' in sites[0]");
  });

  it('BP203 wrong type, BP204 value not allowed, BP205 constraint', async () => {
    const r = await load([...HEAD, 'sites:', '  - url: /sites/a', '    type: teams', '    title: ""', '    lcid: svenska']);
    expect(where(r)).toEqual(['BP204 5:11', 'BP205 6:12', 'BP203 7:11']);
    expect(r.diagnostics[0]!.message).toBe("'type' must be one of team, communication, not the text 'teams' (did you mean 'team'?)");
    expect(r.diagnostics[1]!.message).toBe("'title' must not be empty");
    expect(r.diagnostics[2]!.message).toBe("'lcid' must be a whole number, not the text 'svenska'");
  });

  it("BP205 at the name: a name ending in ' #' and a number is the ownership ledger's", async () => {
    const r = await load(['version: 1', 'name: "kommun #2"', 'sites:', comm('/sites/a')]);
    expect(where(r)).toEqual(['BP205 2:7']);
    expect(r.diagnostics[0]!.message).toContain("ends in ' #' and a number");
    expect(where(await load(['version: 1', 'name: "kommun #2 nord"', 'sites:', comm('/sites/a')]))).toEqual([]);
    // Without a name, the file's name is the owner: the same rule holds for it.
    const unnamed = await load(['version: 1', 'sites:', comm('/sites/a')], {}, 'bp/kommun #3.yaml');
    expect(where(unnamed)).toEqual(['BP205 1:1']);
    expect(unnamed.diagnostics[0]!.message).toContain("file's name 'kommun #3'");
  });

  it('checks templates against the template schema (placeholders allowed in enums)', async () => {
    const r = await load([...HEAD, 'templates:', '  t:', '    type: "{{ row.kind }}"', '    url: /sites/{{ row.a }}', '    title: x', '    colour: red', 'workspaces: [{ template: t, rows: [] }]']);
    expect(where(r)).toEqual(['BP201 8:5', 'BP409 9:35']);
  });

  it('names the row when an expanded value breaks the schema', async () => {
    const r = await load([...HEAD, 'templates:', '  t:', '    type: "{{ row.kind }}"', '    url: /sites/{{ row.a }}', '    title: x', 'workspaces:', '  - template: t', '    rows: [{ kind: team, a: x }, { kind: tema, a: y }]']);
    expect(where(r)).toEqual(['BP204 5:11']);
    expect(r.diagnostics[0]!.message).toContain('(in row 2 of workspaces[0].rows)');
    expect(r.diagnostics[0]!.address).toBe('site[/sites/y]');
  });
});

describe('semantic diagnostics (BP3xx)', () => {
  it('BP301 duplicate site URL (case-insensitive), list URL, column in one parent, naming both places', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      comm('/sites/a'),
      comm('/sites/A'),
      '  - url: /sites/b',
      '    type: communication',
      '    title: B',
      '    columns: [{ name: C1, type: text }, { name: C1, type: text }]',
      '    lists:',
      '      - { url: L, template: genericList }',
      '      - { url: l, template: documentLibrary }',
    ]);
    expect(where(r)).toEqual(['BP301 5:5', 'BP301 9:41', 'BP301 12:9']);
    expect(r.diagnostics[0]!.message).toBe("duplicate site URL '/sites/A': also declared at bp/blueprint.yaml:4:5");
    expect(r.diagnostics[0]!.address).toBe('site[/sites/A]');
  });

  it('BP301/BP302 duplicates after template expansion name both rows', async () => {
    const r = await load(
      [...HEAD, 'sites:', '  - { url: /sites/hr, type: team, title: HR }', 'templates:', '  t: { type: team, url: "/sites/{{ row.a }}", mailNickname: "{{ row.n }}", title: x }', 'workspaces: [{ template: t, rows: d.csv }]'],
      { 'd.csv': 'a,n\nx,same\nhr,other\ny,same\n' },
    );
    expect(where(r)).toEqual(['BP301 6:6', 'BP314 6:61', 'BP302 6:61']);
    // the URL and mailNickname differ in rows 1 and 3 (row 2's site is a duplicate): one warning, the other row counted
    expect(r.diagnostics[1]!.message).toMatch(/\(in row 1 of d\.csv, line 2, and 1 more row\)$/);
    r.diagnostics = r.diagnostics.filter((d) => d.severity === 'error');
    expect(r.diagnostics[0]!.message).toBe("duplicate site URL '/sites/hr': also declared at bp/blueprint.yaml:4:5 (in row 2 of d.csv, line 3)");
    expect(r.diagnostics[1]!.message).toBe(
      "duplicate group mailNickname 'same': also declared at bp/blueprint.yaml:6:61 (in row 1 of d.csv, line 2) (in row 3 of d.csv, line 4)",
    );
  });

  it('BP303 unknown shared column; BP310 conflicting types; BP311 choices and defaults', async () => {
    const r = await load([
      ...HEAD,
      'columns:',
      '  step: { name: Step, type: choice, choices: [A, B, A], default: C }', // 4
      '  num: { name: Amount, type: number, default: "12" }', // 5
      '  flag: { name: Flag, type: boolean, choices: [x] }', // 6
      'sites:',
      '  - url: /sites/a',
      '    type: communication',
      '    title: A',
      '    columns:',
      '      - use: stpe', //                          12
      '      - { name: Amount, type: text }', //       13
      '      - { name: Pick, type: choice }', //       14
      '      - { name: Who, type: user, default: me }', // 15
      '      - { name: When, type: dateTime, default: tomorrow }', // 16
    ]);
    expect(where(r)).toEqual(['BP311 4:53', 'BP311 4:66', 'BP311 5:47', 'BP311 6:47', 'BP303 12:14', 'BP311 14:9', 'BP311 15:43', 'BP311 16:48']);
    expect(r.diagnostics[4]!.message).toBe("unknown shared column 'stpe' (did you mean 'step'?)");
  });

  it("a use of a shared column whose definition has its own error is no second error (it is declared: not 'unknown', not 'no top-level columns: map')", async () => {
    const r = await load([
      ...HEAD,
      'columns:',
      '  amount: { name: Amount, type: currency }', // 4
      'sites:',
      '  - url: /sites/a',
      '    type: communication',
      '    title: A',
      '    columns:',
      '      - use: amount', //                       10
      '      - use: amuont', //                       11
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['BP204', 'BP303']);
    expect(r.diagnostics[1]!.message).toBe("unknown shared column 'amuont' (did you mean 'amount'?)");
  });

  it('BP205 pattern errors in words: a term name names the character not allowed; a language tag key says what a tag is, with the tag meant', async () => {
    const r = await load([
      ...HEAD,
      'termStore:',
      '  groups:',
      '    - name: G',
      '      termSets:',
      '        - name: S',
      '          names: { english: Steps }', // 8
      '          terms:',
      '            - { name: "A;B", labels: { en-us: Aa } }', // 10
      '            - { name: "Tab\there" }', // 11
    ]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "'english' is not a valid key (a language tag: the language in lower case, a hyphen, the region in upper case, as en-US or sv-SE)",
      "'name' contains ';', which is not allowed (none of ';' '\"' '<' '>' '|' a tab '/')",
      "'en-us' is not a valid key (did you mean 'en-US'?) (a language tag: the language in lower case, a hyphen, the region in upper case, as en-US or sv-SE)",
      "'name' contains a tab, which is not allowed (none of ';' '\"' '<' '>' '|' a tab '/')",
    ]);
    expect(r.diagnostics.every((d) => !d.message.includes('^['))).toBe(true);
  });

  it('BP310 same internal name with two types', async () => {
    const r = await load([...HEAD, 'columns: { n: { name: Amount, type: number } }', 'sites:', comm('/sites/a', ', columns: [{ name: Amount, type: text }]')]);
    expect(where(r)).toEqual(['BP310 5:63']);
    expect(r.diagnostics[0]!.message).toContain("column 'Amount' is a text column here but a number column at bp/blueprint.yaml:3:15");
  });

  it('BP304 site URL, BP305 list URL, BP306 internal name, BP307 mailNickname, BP308 UPN, BP309 lcid, BP312 wrong site type, BP313 owner twice', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - { url: /site/x, type: communication, title: X }', // 4
      '  - { url: "/sites/a#b", type: communication, title: X }', // 5
      '  - url: /sites/ok', // 6
      '    type: communication',
      '    title: OK',
      '    lcid: 9999', // 9
      '    owner: anna', // 10
      '    visibility: Private', // 11
      '    lists:',
      '      - { url: Forms, template: genericList }', // 13
      '      - { url: _hidden, template: genericList }', // 14
      '      - { url: Good, template: genericList, columns: [{ name: 1st, type: text }, { name: Title, type: text }, { name: Has Space, type: text }] }', // 15
      '  - url: /sites/team', // 16
      '    type: team',
      '    title: Team',
      '    mailNickname: "has space"', // 19
      `    owners: [${UPN1}, not-a-upn, ${UPN1.toUpperCase()}]`, // 20
      '    lcid: 1053', // 21
    ]);
    expect(where(r)).toEqual([
      'BP304 4:12',
      'BP304 5:12',
      'BP309 9:11',
      'BP308 10:12',
      'BP312 11:5',
      'BP305 13:16',
      'BP305 14:16',
      'BP306 15:63',
      'BP306 15:90',
      'BP306 15:119',
      'BP307 19:19',
      'BP308 20:54',
      'BP313 20:65',
      'BP312 21:5',
    ]);
    expect(r.diagnostics.find((d) => d.code === 'BP313')!.severity).toBe('warning');
  });

  it('BP307 for a mailNickname derived from the URL points at the URL', async () => {
    const r = await load([...HEAD, 'sites:', '  - { url: "/sites/a\'b", type: team, title: X }']);
    expect(where(r)).toEqual(['BP307 4:12']);
    expect(r.diagnostics[0]!.message).toContain('derived from the URL');
  });
});

describe('template and CSV diagnostics (BP4xx)', () => {
  const tpl = ['templates:', '  t:', '    type: team', '    url: "/sites/{{ row.alias }}"', '    title: "{{ row.title }}"'];

  it('BP401 unknown template, BP402 missing CSV, BP408 unused template', async () => {
    const r = await load([...HEAD, ...tpl, '  unused: { type: team, url: /sites/u, title: U }', 'workspaces:', '  - { template: tt, rows: [] }', '  - { template: t, rows: nope.csv }']);
    expect(where(r)).toEqual(['BP408 8:3', 'BP401 10:17', 'BP402 11:26']);
    expect(r.diagnostics[1]!.message).toBe("unknown template 'tt' (did you mean 't'?)");
    expect(r.diagnostics[0]!.severity).toBe('warning');
  });

  it('BP405 a placeholder naming a missing CSV column (once), and a missing inline field (naming the row)', async () => {
    const r1 = await load([...HEAD, ...tpl, 'workspaces: [{ template: t, rows: d.csv }]'], { 'd.csv': 'alias,name\na,A\nb,B\n' });
    expect(where(r1)).toEqual(['BP405 7:12']);
    expect(r1.diagnostics[0]!.message).toBe("placeholder {{ row.title }}: d.csv has no column 'title' (columns: alias, name)");
    const r2 = await load([...HEAD, ...tpl, 'workspaces: [{ template: t, rows: [{ alias: a, title: A }, { alias: b }] }]']);
    expect(where(r2)).toEqual(['BP405 7:12']);
    expect(r2.diagnostics[0]!.message).toContain('(in row 2 of workspaces[0].rows)');
  });

  it('BP406 placeholders outside templates and malformed placeholders', async () => {
    const r = await load([...HEAD, 'sites: [{ url: "/sites/{{ row.a }}", type: team, title: x }]', ...tpl.slice(0, 4), '    title: "{{ title }}"', 'workspaces: [{ template: t, rows: [] }]']);
    expect(where(r)).toEqual(['BP406 3:16', 'BP304 3:16', 'BP406 8:12', 'BP409 9:35']);
  });

  it('expanded values are validated like hand-written ones, naming the CSV row', async () => {
    const r = await load([...HEAD, ...tpl, 'workspaces: [{ template: t, rows: d.csv }]'], { 'd.csv': 'alias,title\nok,Fine\nbad alias,Broken\n' });
    expect(where(r)).toEqual(['BP304 6:10']);
    expect(r.diagnostics[0]!.message).toBe("site URL '/sites/bad alias' contains a space (in row 2 of d.csv, line 3)");
    expect(r.diagnostics[0]!.address).toBe('site[/sites/bad alias]');
  });

  it('BP403 CSV syntax and ragged rows, BP407 header, in the CSV file at line:col', async () => {
    const r = await load([...HEAD, ...tpl, 'workspaces:', '  - { template: t, rows: a.csv }', '  - { template: t, rows: b.csv }'], {
      'a.csv': 'alias,title\na,A\nb,B,extra\nc\n"d,D\n',
      'b.csv': 'alias,alias,bad name\n',
    });
    expect(r.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.col}`)).toEqual([
      'BP403 bp/a.csv:3:5',
      'BP403 bp/a.csv:4:1',
      'BP403 bp/a.csv:5:1',
      'BP407 bp/b.csv:1:7',
      'BP407 bp/b.csv:1:13',
    ]);
    expect(r.diagnostics[0]!.message).toBe('row 2 has 3 fields, the header has 2');
  });
});

describe('all problems at once', () => {
  it('reports every mistake of a blueprint in one run', async () => {
    const r = await load([
      ...HEAD,
      'columns: { c: { name: Bad-Name, type: text } }', // 3
      'sites:',
      '  - { url: /sites/a, type: communication, title: A, lcid: 1 }', // 5
      '  - { url: /sites/a, type: communication, title: A }', // 6
      '  - { url: /sites/b, type: team, title: B, owners: [x] }', // 7
      '  - { url: /sites/c, type: communication, title: C, colour: red }', // 8
      `  - { url: /sites/d, type: team, title: D, owners: [${UPN2}], lists: [{ url: L, template: list }] }`, // 9
      'workspaces: [{ template: none, rows: [] }]', // 10
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['BP306', 'BP309', 'BP301', 'BP308', 'BP201', 'BP204', 'BP401']);
    expect(r.desired).toBeUndefined();
  });
});

describe('addresses and warnings', () => {
  it('schema problems of a hand-written site, list or column carry the resource address', async () => {
    const r = await load([
      ...HEAD,
      'columns: { c: { name: Case, type: text } }',
      'sites:',
      '  - url: /sites/a',
      '    type: communication',
      '    title: A',
      '    colour: red',
      '    lists:',
      '      - { url: L, template: genericList, columns: [{ use: c, size: 2 }, { name: N, type: text, lenght: 3 }] }',
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.address])).toEqual([
      ['BP201', 'site[/sites/a]'],
      ['BP201', 'site[/sites/a]/list[L]/column[Case]'],
      ['BP201', 'site[/sites/a]/list[L]/column[N]'],
    ]);
  });

  it('BP314 warns when a team site URL does not end in its mailNickname; warnings do not block', async () => {
    const r = await load([...HEAD, 'sites:', '  - { url: /sites/a, type: team, title: A, mailNickname: b }']);
    expect(where(r)).toEqual(['BP314 4:58']);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(r.desired!.resources).toHaveLength(1);
  });
});

describe('checks continue past a broken part', () => {
  it('a bad URL, a missing title or a bad list does not hide the problems under them', async () => {
    const r = await load([
      ...HEAD,
      'sites:',
      '  - url: /sites/bad url', // 4
      '    type: team',
      '    title: Bad',
      '    owners: [not-an-email]', // 7
      '  - url: /sites/plan', // 8
      '    type: communication',
      '    titel: Plan', // 10
      '    lists:',
      '      - url: Docs',
      '        template: documentLibrary',
      '        columns:',
      '          - use: missingColumn', // 15
      '          - { name: X, type: choice }', // 16
      '      - { url: Forms, template: genericList, titel: F }', // 17
    ]);
    expect(where(r)).toEqual(['BP304 4:10', 'BP308 7:14', 'BP202 8:5', 'BP201 10:5', 'BP303 15:18', 'BP311 16:13', 'BP305 17:16', 'BP201 17:46']);
  });
});
