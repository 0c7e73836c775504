/**
 * What the tenant holds after a round of killed applies has converged, read through the local
 * tenant's HTTP API with the engine's own SDK faces (never its internals): one group per
 * mailNickname, one site per URL, one list per URL, one column per name, one team per group
 * (and one channel per name), no stray group, and an ownership ledger that owns every object
 * the runs created, each with its create's outcome recorded (not left an intent). Each problem
 * is named precisely.
 */
import type { Address } from '../../src/model/address.ts';
import { OwnershipLedger } from '../../src/ownership/ledger.ts';
import { CREATING } from '../../src/ownership/ledger-record.ts';
import { scopeOf } from '../../src/ownership/ledger-scope.ts';
import { openTarget } from '../../src/tenant/target.ts';
import { FIXTURE } from './fixture.ts';

export interface TenantFindings {
  /** Objects that exist more than once for one natural key, or more than expected. */
  duplicates: string[];
  /** Objects the blueprint declares that are missing. */
  missing: string[];
  /** Created addresses the ownership ledger does not own. */
  unowned: string[];
  /**
   * Created addresses whose record is still an intent (`creating`) though the object exists: a
   * create whose outcome a kill kept from the ledger, never settled by a later run.
   */
  unsettled: string[];
  /** How many created addresses were checked in the ledger. */
  ledgerChecked: number;
}

interface Group {
  id: string;
  mailNickname: string;
}

/** Groups in the tenant (all of them: a stray group made by a lost team create counts too). */
export async function countGroups(cwd: string): Promise<number> {
  const target = await openTarget({ tenant: 'local', cwd });
  try {
    return (await target.client.graph.list<Group>('/groups?$select=id&$top=999')).length;
  } finally {
    await target.close();
  }
}

/**
 * `nicknames`: the workspaces' mailNicknames; `groupsBefore`: the tenant's group count before
 * the round; `created`: every address the round's runs planned to create.
 */
export async function checkTenant(cwd: string, nicknames: string[], groupsBefore: number, created: Iterable<Address>): Promise<TenantFindings> {
  const findings: TenantFindings = { duplicates: [], missing: [], unowned: [], unsettled: [], ledgerChecked: 0 };
  const target = await openTarget({ tenant: 'local', cwd });
  try {
    const graph = target.client.graph;
    const all = await graph.list<Group>('/groups?$select=id,mailNickname&$top=999');
    if (all.length - groupsBefore !== nicknames.length) findings.duplicates.push(`${all.length - groupsBefore} groups were made for ${nicknames.length} workspaces`);
    const siteIds = new Map<string, string>();
    for (const nick of nicknames) {
      const groups = all.filter((g) => g.mailNickname?.toLowerCase() === nick.toLowerCase());
      if (groups.length !== 1) (groups.length === 0 ? findings.missing : findings.duplicates).push(`group ${nick}: ${groups.length}`);
      const group = groups[0];
      if (!group) continue;
      const site = await graph.find<{ id: string; webUrl: string }>(`/groups/${group.id}/sites/root?$select=id,webUrl`);
      if (!site) {
        findings.missing.push(`site of group ${nick}`);
        continue;
      }
      const path = new URL(site.webUrl).pathname;
      if (path.toLowerCase() !== `/sites/${nick}`) findings.duplicates.push(`group ${nick} has its site at ${path}`);
      siteIds.set(`/sites/${nick}`, site.id);
      const lists = await graph.list<{ id: string; name: string }>(`/sites/${site.id}/lists?$select=id,name`);
      const named = lists.filter((l) => l.name.toLowerCase().startsWith(FIXTURE.list.toLowerCase()));
      if (named.length !== 1 || named[0]!.name !== FIXTURE.list) (named.length === 0 ? findings.missing : findings.duplicates).push(`lists of ${path}: ${named.map((l) => l.name).join(', ') || 'none'}`);
      const list = named.find((l) => l.name === FIXTURE.list);
      if (list) {
        const columns = await graph.list<{ name: string }>(`/sites/${site.id}/lists/${list.id}/columns?$select=name`);
        for (const name of FIXTURE.columns) {
          const same = columns.filter((c) => c.name.toLowerCase().startsWith(name.toLowerCase()));
          if (same.length !== 1) (same.length === 0 ? findings.missing : findings.duplicates).push(`column ${name} of ${path}/${FIXTURE.list}: ${same.map((c) => c.name).join(', ') || 'none'}`);
        }
      }
      const team = await graph.find<{ id: string }>(`/teams/${group.id}`);
      if (!team) {
        findings.missing.push(`team of group ${nick}`);
        continue;
      }
      const channels = await graph.list<{ displayName: string }>(`/teams/${group.id}/channels`);
      const same = channels.filter((c) => c.displayName.toLowerCase() === FIXTURE.channel.toLowerCase());
      if (same.length !== 1) (same.length === 0 ? findings.missing : findings.duplicates).push(`channel ${FIXTURE.channel} of team ${nick}: ${same.length}`);
    }
    const sites = await graph.list<{ webUrl: string }>(`/sites?search=${FIXTURE.nicknamePrefix}&$select=webUrl&$top=999`);
    const urls = sites.map((s) => new URL(s.webUrl).pathname.toLowerCase()).filter((p) => p.startsWith(`/sites/${FIXTURE.nicknamePrefix}`));
    for (const url of new Set(urls)) {
      const n = urls.filter((u) => u === url).length;
      if (n > 1) findings.duplicates.push(`site ${url}: ${n}`);
    }
    if (new Set(urls).size !== nicknames.length) findings.duplicates.push(`${new Set(urls).size} site URLs for ${nicknames.length} workspaces`);

    const ledger = new OwnershipLedger(graph, FIXTURE.name);
    for (const address of created) {
      const sitePath = /^site\[([^\]]*)\]/.exec(address)?.[1];
      const scope = scopeOf(FIXTURE.name, address, sitePath ? siteIds.get(sitePath.toLowerCase()) : undefined);
      findings.ledgerChecked++;
      const recorded = (await ledger.records(scope)).get(address);
      if (recorded === undefined) findings.unowned.push(address);
      else if (recorded === CREATING) findings.unsettled.push(address);
    }
    return findings;
  } finally {
    await target.close();
  }
}
