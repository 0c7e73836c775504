import { describe, expect, it } from 'vitest';
import { columnId, uuidV5 } from '../../src/blueprint/index.ts';
import { HEAD, load, UPN1, UPN2, where } from './helpers.ts';

describe('expansion into Desired', () => {
  it('expands a communication site, a team site, lists and columns (inline and use:)', async () => {
    const r = await load([
      ...HEAD, //                                                   1-2
      'columns:', //                                                3
      '  caseNumber: { name: CaseNumber, displayName: Ärendenummer, type: text, required: true }', // 4
      '  step: { name: ProcessStep, type: choice, choices: [A, B], default: A }', // 5
      'sites:', //                                                  6
      '  - url: /sites/sbf', //                                     7
      '    type: communication',
      '    title: Samhällsbyggnad',
      '    lcid: 1053',
      `    owner: ${UPN1}`,
      '  - url: /sites/bygglov', //                                 12
      '    type: team',
      '    title: Bygglov',
      '    visibility: Private',
      `    owners: [${UPN2}]`,
      '    columns:',
      '      - use: caseNumber', //                                 18
      '    lists:',
      '      - url: Beslut', //                                     20
      '        template: documentLibrary',
      '        columns:',
      '          - use: step', //                                   23
      '            displayName: Steg',
      '          - { name: Officer, type: user }', //               25
    ]);
    expect(r.diagnostics).toEqual([]);
    const f = 'bp/blueprint.yaml';
    expect(r.desired).toEqual({
      file: f,
      name: 'test',
      resources: [
        {
          kind: 'commSite',
          address: 'site[/sites/sbf]',
          props: { url: '/sites/sbf', title: 'Samhällsbyggnad', lcid: 1053, owner: UPN1 },
          source: { file: f, line: 7, col: 5 },
        },
        {
          kind: 'teamSite',
          address: 'site[/sites/bygglov]',
          props: { url: '/sites/bygglov', mailNickname: 'bygglov', title: 'Bygglov', visibility: 'Private', owners: [UPN2] },
          source: { file: f, line: 12, col: 5 },
        },
        {
          kind: 'column',
          address: 'site[/sites/bygglov]/column[CaseNumber]',
          parent: 'site[/sites/bygglov]',
          props: { name: 'CaseNumber', id: columnId('CaseNumber'), type: 'text', displayName: 'Ärendenummer', required: true },
          source: { file: f, line: 18, col: 9 },
        },
        {
          kind: 'list',
          address: 'site[/sites/bygglov]/list[Beslut]',
          parent: 'site[/sites/bygglov]',
          props: { url: 'Beslut', title: 'Beslut', template: 'documentLibrary' },
          source: { file: f, line: 20, col: 9 },
        },
        {
          kind: 'column',
          address: 'site[/sites/bygglov]/list[Beslut]/column[ProcessStep]',
          parent: 'site[/sites/bygglov]/list[Beslut]',
          props: { name: 'ProcessStep', id: columnId('ProcessStep'), type: 'choice', displayName: 'Steg', choices: ['A', 'B'], default: 'A' },
          source: { file: f, line: 23, col: 13 },
        },
        {
          kind: 'column',
          address: 'site[/sites/bygglov]/list[Beslut]/column[Officer]',
          parent: 'site[/sites/bygglov]/list[Beslut]',
          props: { name: 'Officer', id: columnId('Officer'), type: 'user', displayName: 'Officer' },
          source: { file: f, line: 25, col: 13 },
        },
      ],
    });
    // unstated props are absent, not present-and-undefined
    expect(Object.keys(r.desired!.resources[1]!.props).sort()).toEqual(['mailNickname', 'owners', 'title', 'url', 'visibility']);
  });

  it('stamps a template over inline rows, leaving out blank whole-string placeholders', async () => {
    const r = await load([
      ...HEAD,
      'templates:',
      '  t:', //                                                    4
      '    type: team',
      '    url: /teams/grp-{{row.alias}}',
      '    mailNickname: grp-{{ row.alias }}',
      '    title: "{{ row.title }} ({{ row.alias }})"',
      '    description: "{{ row.desc }}"',
      '    owners: ["{{ row.o1 }}", "{{ row.o2 }}"]',
      '    lists:',
      '      - url: Docs', //                                       12
      '        title: "Docs of {{ row.title }}"',
      '        template: documentLibrary',
      'workspaces:',
      '  - template: t',
      '    rows:',
      `      - { alias: a, title: A, desc: First, o1: ${UPN1}, o2: ${UPN2} }`,
      `      - { alias: b, title: 2, desc: "", o1: ${UPN1}, o2: "" }`,
    ]);
    expect(r.diagnostics).toEqual([]);
    const res = r.desired!.resources;
    expect(res.map((x) => x.address)).toEqual(['site[/teams/grp-a]', 'site[/teams/grp-a]/list[Docs]', 'site[/teams/grp-b]', 'site[/teams/grp-b]/list[Docs]']);
    expect(res[0]!.props).toEqual({ url: '/teams/grp-a', mailNickname: 'grp-a', title: 'A (a)', description: 'First', owners: [UPN1, UPN2] });
    expect(res[2]!.props).toEqual({ url: '/teams/grp-b', mailNickname: 'grp-b', title: '2 (b)', owners: [UPN1] });
    expect(res[3]!.props).toEqual({ url: 'Docs', title: 'Docs of 2', template: 'documentLibrary' });
    expect(res[0]!.source).toEqual({ file: 'bp/blueprint.yaml', line: 5, col: 5 });
    expect(res[1]!.source).toEqual({ file: 'bp/blueprint.yaml', line: 12, col: 9 });
  });

  it('stamps a template over a CSV next to the blueprint', async () => {
    const r = await load(
      [...HEAD, 'templates:', '  t: { type: team, url: "/sites/{{ row.alias }}", title: "{{ row.name }}", owners: ["{{ row.owner }}"] }', 'workspaces:', '  - { template: t, rows: depts.csv }'],
      { 'depts.csv': `\uFEFFalias,name,owner\r\nekonomi,"Ekonomi, central",${UPN1}\r\nhr,"HR ""people""",${UPN2}\r\n` },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.desired!.resources.map((x) => x.props)).toEqual([
      { url: '/sites/ekonomi', mailNickname: 'ekonomi', title: 'Ekonomi, central', owners: [UPN1] },
      { url: '/sites/hr', mailNickname: 'hr', title: 'HR "people"', owners: [UPN2] },
    ]);
  });

  it('gives a list the URL as its default title and a column its name as displayName', async () => {
    const r = await load([...HEAD, 'sites:', '  - url: /sites/x', '    type: communication', '    title: X', '    lists:', '      - { url: Tasks, template: genericList, columns: [{ name: Due, type: dateTime }] }']);
    expect(r.desired!.resources[1]!.props).toEqual({ url: 'Tasks', title: 'Tasks', template: 'genericList' });
    expect(r.desired!.resources[2]!.props).toEqual({ name: 'Due', id: columnId('Due'), type: 'dateTime', displayName: 'Due' });
  });
});

describe('deterministic ids', () => {
  it('implements RFC 4122 UUID v5 (known vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives the same column the same id on every site and list, and differs by name', async () => {
    const r = await load([
      ...HEAD,
      'columns: { c: { name: CaseNumber, type: text } }',
      'sites:',
      '  - { url: /sites/a, type: communication, title: A, columns: [{ use: c }], lists: [{ url: L, template: genericList, columns: [{ use: c }] }] }',
      '  - { url: /sites/b, type: communication, title: B, columns: [{ name: CaseNumber, type: text, displayName: Other }] }',
    ]);
    expect(r.diagnostics).toEqual([]);
    const ids = r.desired!.resources.filter((x) => x.kind === 'column').map((x) => (x.props as { id: string }).id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBe(columnId('CaseNumber'));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(columnId('CaseNumber')).not.toBe(columnId('Casenumber'));
    expect(where(r)).toEqual([]);
  });
});
