import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadBlueprint } from '../../src/blueprint/index.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';

const directory = JSON.parse(await readFile('src/emulator/seed/directory.json', 'utf8')) as { users: { userPrincipalName: string }[] };
const seeded = new Set(directory.users.map((u) => u.userPrincipalName));

function count(rs: AnyDesiredResource[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const r of rs) c[r.kind] = (c[r.kind] ?? 0) + 1;
  return c;
}

function owners(rs: AnyDesiredResource[]): string[] {
  return rs.flatMap((r) => (r.kind === 'teamSite' ? (r.props.owners ?? []) : r.kind === 'commSite' && r.props.owner ? [r.props.owner] : []));
}

describe('examples', () => {
  it('botkyrka loads clean: a communication site and five process-stage team sites', async () => {
    const r = await loadBlueprint('blueprints/botkyrka/blueprint.yaml');
    expect(r.diagnostics).toEqual([]);
    const rs = r.desired!.resources;
    // each slice checks its own kinds (the example grows with every slice)
    expect(count(rs)).toMatchObject({ commSite: 1, teamSite: 5, list: 16, column: 82 });
    expect(count(rs)).toMatchObject({ view: 10, navigationNode: 12, hubSite: 1, hubAssociation: 5, siteSettings: 6 });
    expect(rs).toHaveLength(Object.values(count(rs)).reduce((a, b) => a + b, 0));
    expect(rs.filter((x) => x.kind === 'teamSite').map((x) => x.props.url)).toEqual([
      '/sites/sbf-detaljplan',
      '/sites/sbf-bygglov',
      '/sites/sbf-lantmateri',
      '/sites/sbf-byggnation',
      '/sites/sbf-uppfoljning',
    ]);
    for (const o of owners(rs)) expect(seeded.has(o), o).toBe(true);
  });

  it('kalmar-teams loads clean: 60 department team sites from the CSV', async () => {
    const r = await loadBlueprint('blueprints/kalmar-teams/blueprint.yaml');
    expect(r.diagnostics).toEqual([]);
    const rs = r.desired!.resources;
    expect(count(rs)).toEqual({ teamSite: 60, list: 60, column: 120 });
    expect(rs).toHaveLength(240);
    for (const o of owners(rs)) expect(seeded.has(o), o).toBe(true);
    const addresses = rs.map((x) => x.address);
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  it('every resource has a source and parents come before children', async () => {
    for (const f of ['blueprints/botkyrka/blueprint.yaml', 'blueprints/kalmar-teams/blueprint.yaml']) {
      const rs = (await loadBlueprint(f)).desired!.resources;
      const seen = new Set<string>();
      for (const x of rs) {
        expect(x.source?.file).toBe(f);
        if (x.parent) expect(seen.has(x.parent)).toBe(true);
        seen.add(x.address);
      }
    }
  });
});
