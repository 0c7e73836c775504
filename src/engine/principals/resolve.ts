/**
 * Plan-time check of the people a blueprint names: each distinct user principal name is looked
 * up once in the directory (`GET /users/{upn}`, the same lookup apply makes; independent GETs go
 * out 20 to a Graph `$batch` through the client's batcher), so that thousands of workspaces
 * sharing a few owners cost a few requests. A name that does not exist is an error diagnostic
 * at the blueprint position of each site that names it, all of them at once, with the UPN to
 * write when a user has it as mail address or when one is a likely typo away (near-upn.ts); a lookup that
 * failed is an error too (unknown is not absent), naming the service's answer.
 */
import pLimit from 'p-limit';
import { siteOfAddress } from '../../model/address.ts';
import { inRows, rowOf, type RowsOfSites } from '../../model/rows-of-sites.ts';
import { diagnosticAt, type Diagnostic } from '../../model/diagnostic.ts';
import type { AnyDesiredResource } from '../../model/resources.ts';
import type { KnownUsers } from '../../kinds/shared/teams-common.ts';
import type { GraphFace } from '../../tenant/graph-client.ts';
import { normalizeTenantError } from '../../tenant/normalize-error.ts';
import { distinctUpns, principalRefs, type PrincipalRef } from './collect.ts';
import { nearUpnFinder } from './near-upn.ts';

/** Diagnostic codes of the plan-time principal check (documented in docs/blueprint.md). */
export const PRINCIPAL_CODES = {
  PR101: 'user not found in the directory',
  PR102: 'user could not be looked up',
} as const;

/** What the directory said about one UPN. */
export type Lookup = { status: 'found'; id: string } | { status: 'missing'; hint?: string } | { status: 'unknown'; reason: string };

/** Lookups in flight at once: the batcher packs them 20 to a request; the transport paces them. */
const LOOKUP_CONCURRENCY = 200;

/** Looks each distinct UPN up once. */
export async function lookUpUsers(graph: GraphFace, upns: readonly string[]): Promise<Map<string, Lookup>> {
  const limit = pLimit(LOOKUP_CONCURRENCY);
  const near = nearUpnFinder(graph);
  const results = await Promise.all(upns.map((upn) => limit(() => lookUp(graph, upn, near))));
  return new Map(upns.map((upn, i) => [upn.toLowerCase(), results[i]!]));
}

async function lookUp(graph: GraphFace, upn: string, near: (upn: string) => Promise<string | undefined>): Promise<Lookup> {
  try {
    const user = await graph.find<{ id: string }>(`/users/${encodeURIComponent(upn)}?$select=id,userPrincipalName`);
    if (user) return { status: 'found', id: user.id };
  } catch (error) {
    const e = normalizeTenantError(error);
    return { status: 'unknown', reason: `${e.status || 'no answer'} ${e.code}: ${e.message}` };
  }
  const byMail = await mailHint(graph, upn);
  if (byMail.hint) return { status: 'missing', ...byMail };
  const guess = await near(upn);
  return guess ? { status: 'missing', hint: `did you mean '${guess}'?` } : { status: 'missing' };
}

/** When a user has this address as mail but another UPN, say which UPN to write (apply looks users up by UPN). */
async function mailHint(graph: GraphFace, address: string): Promise<{ hint?: string }> {
  try {
    const quoted = address.replace(/'/g, "''");
    const users = await graph.get<{ value?: Array<{ userPrincipalName?: string }> }>(
      `/users?$filter=${encodeURIComponent(`mail eq '${quoted}'`)}&$select=id,userPrincipalName,mail`,
    );
    const upn = users.value?.[0]?.userPrincipalName;
    return upn ? { hint: `a user has the mail address ${address}; its user principal name is ${upn}: write that` } : {};
  } catch {
    return {};
  }
}

/** The site a resource belongs to (`site[/sites/x]`), or the address itself. */
function rootOf(address: string): string {
  return siteOfAddress(address) ?? address;
}

/**
 * Diagnostics for references whose user is missing (one per user and site: the first place in
 * that site that names it) or could not be looked up (one per user), in blueprint order.
 */
export function principalDiagnostics(refs: readonly PrincipalRef[], lookups: ReadonlyMap<string, Lookup>, file: string, rows?: RowsOfSites): Diagnostic[] {
  const first = new Map<string, { ref: PrincipalRef; more: number }>();
  for (const ref of refs) {
    const found = lookups.get(ref.upn.toLowerCase());
    if (!found || found.status === 'found') continue;
    // A missing user is reported in every site that names it; a failed lookup once (it is the same failure everywhere).
    const key = found.status === 'missing' ? `${ref.upn.toLowerCase()}|${rootOf(ref.address)}` : ref.upn.toLowerCase();
    const seen = first.get(key);
    if (seen) seen.more++;
    else first.set(key, { ref, more: 0 });
  }
  // A template's sites name the user at the same place, once a row: one diagnostic, at its first
  // row, with the other rows counted (a CSV of 2,000 rows naming one missing owner is one line).
  const byPlace = new Map<string, { ref: PrincipalRef; more: number; rows: number }>();
  for (const { ref, more } of first.values()) {
    const templated = rowOf(rows, ref.address) !== undefined;
    const key = templated ? `${ref.upn.toLowerCase()}|${ref.source?.file}:${ref.source?.line}:${ref.source?.col}|${more}` : `${ref.upn.toLowerCase()}|${rootOf(ref.address)}`;
    const seen = byPlace.get(key);
    if (seen && templated) seen.rows++;
    else byPlace.set(key, { ref, more, rows: 0 });
  }
  return [...byPlace.values()].map(({ ref, more, rows: otherRows }) => {
    const lookup = lookups.get(ref.upn.toLowerCase())!;
    const where = lookup.status === 'missing' ? ` in ${rootOf(ref.address)}` : '';
    const also = more > 0 ? ` (named ${more} more time${more > 1 ? 's' : ''}${where})` : '';
    // the row a templated site was stamped from: the line to fix is in the CSV, not the template
    const inRow = inRows(rowOf(rows, ref.address), otherRows);
    const message =
      lookup.status === 'missing'
        ? `${ref.role} '${ref.upn}' does not exist in the tenant's directory${lookup.hint ? `: ${lookup.hint}` : ''}${also}${inRow}`
        : `${ref.role} '${ref.upn}' could not be looked up (${lookup.status === 'unknown' ? lookup.reason : ''})${lookup.status === 'unknown' && lookup.reason.startsWith('403') ? '; the app needs the Graph application permission User.Read.All (provision doctor names what is missing)' : ''}${also}${inRow}`;
    return diagnosticAt(ref, file, 'error', lookup.status === 'missing' ? 'PR101' : 'PR102', message);
  });
}

/** What the principal check found: its errors, and the users it found (for the reads after it). */
export interface PrincipalCheck {
  /** The errors, all at once (empty when everyone exists). */
  diagnostics: Diagnostic[];
  /** Every user found, by lower-case UPN: the plan's read and the apply run look them up no more. */
  users: KnownUsers;
}

/** Looks up every user the resources name. */
export async function checkPrincipals(resources: readonly AnyDesiredResource[], graph: GraphFace, file: string, rows?: RowsOfSites): Promise<PrincipalCheck> {
  const refs = principalRefs(resources);
  if (refs.length === 0) return { diagnostics: [], users: new Map() };
  const lookups = await lookUpUsers(graph, distinctUpns(refs));
  const users = new Map<string, string>();
  for (const [upn, lookup] of lookups) if (lookup.status === 'found') users.set(upn, lookup.id);
  return { diagnostics: principalDiagnostics(refs, lookups, file, rows), users };
}
