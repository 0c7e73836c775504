/**
 * A copy of the plan benchmark's applied tenant whose workspaces' sites hold as many columns as
 * real sites do (issue 12, thirty-third pass): the local web has 10 built-in columns, a real site
 * hundreds, and a plan lists each site's columns, so the benchmark's own tenant understates what
 * a plan costs on real sites. The extra columns stand for SharePoint's built-in ones (their
 * number, a mix of the common types, every other one hidden, as most of a real site's are); they
 * are written as `field` ops into the copy's op log while no process serves it, which the local
 * tenant replays at its next start (50,000 creates over HTTP would take hours).
 */
import { appendFileSync, closeSync, cpSync, existsSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateLines } from '../../src/emulator/state-lines.ts';

/** The column types the extra columns cycle through, with the facets a field of each type has. */
const SHAPES: Record<string, unknown>[] = [
  { type: 'Text', maxLength: 255 },
  { type: 'Note', numLines: 6, richText: false },
  { type: 'Choice', choices: ['Not Started', 'In Progress', 'Completed'], choiceFormat: 'Dropdown', fillInChoice: false },
  { type: 'DateTime', format: 'DateTime' },
  { type: 'Boolean' },
  { type: 'Number' },
];

/**
 * The ids of the sites whose url is `/sites/bench-00001` … up to `workspaces`, from a stopped
 * tenant's snapshot, read a piece at a time by the local tenant's own reader (a snapshot may pass
 * what one string can hold).
 */
function benchSiteIds(stateDir: string, workspaces: number): string[] {
  const ids: string[] = [];
  const fd = openSync(join(stateDir, 'snapshot.jsonl'), 'r');
  try {
    for (const { text } of stateLines(fd, 64 * 1024 * 1024, (lineNo) => new Error(`snapshot line ${lineNo} is too long`))) {
      if (!text.startsWith('{"k":"site"')) continue;
      const site = (JSON.parse(text) as { v: { id: string; url: string } }).v;
      const n = /^\/sites\/bench-(\d+)$/i.exec(site.url)?.[1];
      if (n && Number(n) <= workspaces) ids.push(site.id);
    }
  } finally {
    closeSync(fd);
  }
  return ids;
}

/**
 * Makes `<dir>/tenant-columns-<perSite>` (once; kept for later runs) from `<dir>/tenant`, a stopped
 * applied tenant: the same state, each of the first `workspaces` workspaces' sites holding
 * `perSite` more columns. Returns the new tenant's folder.
 */
export function crowdedTenant(dir: string, workspaces: number, perSite: number): string {
  const from = join(dir, 'tenant');
  const to = join(dir, `tenant-columns-${perSite}`);
  const marker = join(to, `.crowded-${workspaces}`);
  if (existsSync(marker)) return to;
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, filter: (src) => !/[\\/](lock|endpoint\.json)$/.test(src) });
  const stateDir = join(to, '.provision', 'local-tenant');
  const sites = benchSiteIds(stateDir, workspaces);
  if (sites.length < workspaces) throw new Error(`the applied tenant in ${from} holds ${sites.length} of the ${workspaces} workspaces' sites: seed it first`);
  const now = new Date().toISOString();
  sites.forEach((siteId, s) => {
    const ops: string[] = [];
    for (let i = 0; i < perSite; i++) {
      const id = `${s.toString(16).padStart(8, '0')}-5e5e-4000-8000-${i.toString(16).padStart(12, '0')}`;
      const name = `BuiltIn${String(i).padStart(3, '0')}`;
      ops.push(JSON.stringify({ k: 'field', v: { id, siteId, listId: null, internalName: name, staticName: name, title: `Built-in ${i}`, description: '', group: 'Core Document Columns', required: false, hidden: i % 2 === 1, readOnly: false, indexed: false, enforceUnique: false, defaultValue: null, ...SHAPES[i % SHAPES.length], created: now, lastModified: now } }));
    }
    appendFileSync(join(stateDir, 'oplog.jsonl'), ops.join('\n') + '\n');
  });
  writeFileSync(marker, `${sites.length} sites, ${perSite} more columns each\n`);
  return to;
}
