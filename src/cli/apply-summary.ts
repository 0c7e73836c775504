/**
 * The summary apply prints when it ends: the counts, then what did not succeed. A short list is
 * printed whole, one line an address; a long one (a systematic failure across 10,000 workspaces:
 * a permission missing, a policy refusing) is grouped by its reason, the largest groups first,
 * each with its count and its first addresses, so that the summary stays a screen long. Every
 * address and its outcome is in the audit log either way.
 */
import type { ApplyResult } from '../apply/events.ts';
import { fenceFor, inline } from '../plan/render-markdown.ts';
import { rowOf, type RowsOfSites } from '../model/rows-of-sites.ts';

/** Lines of one kind (failed, pending, skipped) listed one an address up to this many. */
export const LISTED_WHOLE = 40;
/** Groups listed when grouped; the rest are counted. */
const GROUPS_LISTED = 15;
/** Addresses named in a group's line. */
const ADDRESSES_NAMED = 3;

/**
 * The summary's text. `rows`: the row each templated site was stamped from (Desired.rowsOfSites),
 * named after a failed change's address, so that the line to fix in a CSV of thousands is found.
 */
export function applySummaryText(result: ApplyResult, ms: number, auditLog: string, rows?: RowsOfSites, blueprint?: string): string {
  const stopped = result.notStarted;
  const lines = [
    `Apply ${stopped ? 'stopped' : 'complete'} in ${(ms / 1000).toFixed(1)} s: ${result.succeeded.length} succeeded, ${result.failed.length} failed, ${result.pending.length} pending, ${result.skipped.length} skipped, ${result.unchanged} unchanged${stopped ? `, ${stopped.count} not started` : ''}.`,
  ];
  const inRow = (address: string) => {
    const row = rowOf(rows, address);
    return row ? `${address} (${row})` : address;
  };
  const failed = listed('failed ', result.failed.map((f) => [inRow(f.address), f.error]));
  const pending = listed('pending', result.pending.map((p) => [p.address, p.waitingFor]));
  const skipped = listed('skipped', result.skipped.map((s) => [s.address, s.because]));
  lines.push(...failed, ...pending, ...skipped);
  if (result.failed.length + result.pending.length + result.skipped.length > LISTED_WHOLE) lines.push(`Every change and its outcome: ${auditLog}.`);
  const denied = result.failed.filter((f) => DENIED.test(f.error)).length;
  if (denied > 0) {
    lines.push(`${denied} change${denied === 1 ? ' was' : 's were'} refused 401/403: the credential may lack a permission the blueprint needs; 'provision doctor ${blueprint ?? '<blueprint>'}' names each missing one and how to grant it.`);
  }
  if (stopped) lines.push(`Not started: ${stopped.count} change${stopped.count === 1 ? '' : 's'}, because ${stopped.because}. Everything that was made is recorded; run apply again to make the rest.`);
  if (result.pending.length > 0) lines.push('Pending work is the service still finishing what was created: run apply again later to finish it.');
  return lines.join('\n');
}

/** A failure the service refused for the caller's rights (the reason starts with the status). */
const DENIED = /^(?:401|403)\b/;

/** A resource address inside a reason (`site[/sites/x]/list[A] failed`): grouped as one. */
const ADDRESS_IN_TEXT = /\b[a-zA-Z]+\[[^\]]*\](?:\/[a-zA-Z]+\[[^\]]*\])*/g;

/**
 * One line an address, or (past LISTED_WHOLE) one line a reason with its count and first
 * addresses; reasons that differ only by the addresses they name are one (`<address> failed`).
 */
function listed(label: string, entries: [address: string, reason: string][]): string[] {
  if (entries.length <= LISTED_WHOLE) return entries.map(([address, reason]) => `  ${label} ${address}: ${reason}`);
  const groups = new Map<string, string[]>();
  for (const [address, reason] of entries) {
    const key = reason.replace(ADDRESS_IN_TEXT, '<address>');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(address);
  }
  const largest = [...groups].sort((a, b) => b[1].length - a[1].length);
  const out = largest.slice(0, GROUPS_LISTED).map(([reason, addresses]) => {
    const named = addresses.slice(0, ADDRESSES_NAMED).join(', ') + (addresses.length > ADDRESSES_NAMED ? ', …' : '');
    return `  ${label} ${addresses.length} × ${reason} (${named})`;
  });
  if (largest.length > GROUPS_LISTED) {
    const rest = largest.slice(GROUPS_LISTED).reduce((n, [, a]) => n + a.length, 0);
    out.push(`  ${label} ${rest} more, for ${largest.length - GROUPS_LISTED} other reasons`);
  }
  return out;
}

/**
 * The summary as Markdown, for a pipeline's job summary (`apply --markdown <file>`): a heading
 * naming the blueprint and the tenant, the counts in bold, and the rest of the summary (grouped
 * as in the text, so bounded) in a text block.
 */
export function applySummaryMarkdown(summary: string, owner: string, tenant: string): string {
  const [first, ...rest] = summary.split('\n');
  const body = rest.join('\n');
  const fence = fenceFor(body);
  return `### m365-provision apply: ${inline(owner)} on ${inline(tenant)}\n\n**${first}**\n${body ? `\n${fence}text\n${body}\n${fence}\n` : ''}`;
}
