/**
 * Plan-time check of the Entra groups a blueprint names (`entra:<display name or object id>`, a
 * role assignment's principal or a SharePoint group's member): each distinct reference is looked
 * up once in the directory (src/kinds/shared/entra-groups.ts, the lookup the reads and apply make),
 * so that a template naming one group in a thousand workspaces costs one request. A reference no
 * group has, that several groups have, or that names a distribution list is an error at its
 * blueprint position (PR103), once a place with the template's other rows counted; a lookup that
 * failed is an error once a reference (PR104: unknown is not absent). The reads would show each
 * such resource unknown; this says it once, where it was written.
 */
import pLimit from 'p-limit';
import { inRows, rowOf, type RowsOfSites } from '../../model/rows-of-sites.ts';
import { diagnosticAt, type Diagnostic } from '../../model/diagnostic.ts';
import type { AnyDesiredResource, SourceSpan } from '../../model/resources.ts';
import { entraGroupRef } from '../../model/principal.ts';
import { EntraGroupNotUsable, findEntraGroup } from '../../kinds/shared/entra-groups.ts';
import type { GraphFace } from '../../tenant/graph-client.ts';
import { normalizeTenantError } from '../../tenant/normalize-error.ts';

/** Diagnostic codes of the Entra group check (documented in docs/blueprint.md). */
export const ENTRA_GROUP_CODES = {
  PR103: 'Entra group not found, named by several groups, or a distribution list',
  PR104: 'Entra group could not be looked up',
} as const;

/** One place where the blueprint names an Entra group. */
interface EntraRef {
  /** What follows `entra:`. */
  ref: string;
  /** As written (`entra:…`). */
  principal: string;
  /** What the group is there: `role assignment principal`, `group member`. */
  role: string;
  address: string;
  source?: SourceSpan;
}

/** Lookups in flight at once (the batcher packs them into `$batch`es). */
const LOOKUP_CONCURRENCY = 50;

/** The Entra groups the resources name, in blueprint order. */
export function entraGroupRefs(resources: readonly AnyDesiredResource[]): EntraRef[] {
  const refs: EntraRef[] = [];
  const add = (r: AnyDesiredResource, principal: string, role: string) => {
    const ref = entraGroupRef(principal);
    if (ref) refs.push({ ref, principal, role, address: r.address, ...(r.source ? { source: r.source } : {}) });
  };
  for (const r of resources) {
    if (r.kind === 'roleAssignment') add(r, r.props.principal, 'role assignment principal');
    else if (r.kind === 'siteGroup') for (const m of [...(r.props.members ?? []), ...(r.props.exactMembers ?? [])]) add(r, m, 'group member');
  }
  return refs;
}

type Lookup = { status: 'found' } | { status: 'unusable'; why: string } | { status: 'unknown'; why: string };

/** Looks every distinct reference up once and says what is wrong, where it was written. */
export async function checkEntraGroups(resources: readonly AnyDesiredResource[], graph: GraphFace, file: string, rows?: RowsOfSites): Promise<Diagnostic[]> {
  const refs = entraGroupRefs(resources);
  if (refs.length === 0) return [];
  const distinct = [...new Map(refs.map((r) => [r.ref.toLowerCase(), r.ref])).values()];
  const limit = pLimit(LOOKUP_CONCURRENCY);
  const lookups = new Map<string, Lookup>();
  await Promise.all(
    distinct.map((ref) =>
      limit(async () => {
        try {
          await findEntraGroup(graph, ref);
          lookups.set(ref.toLowerCase(), { status: 'found' });
        } catch (error) {
          if (error instanceof EntraGroupNotUsable) return void lookups.set(ref.toLowerCase(), { status: 'unusable', why: error.message });
          const e = normalizeTenantError(error);
          lookups.set(ref.toLowerCase(), { status: 'unknown', why: `${e.status || 'no answer'} ${e.code}: ${e.message}` });
        }
      }),
    ),
  );
  // One diagnostic a place (a template's rows counted), and a failed lookup once a reference.
  const byPlace = new Map<string, { ref: EntraRef; rows: number }>();
  for (const ref of refs) {
    const lookup = lookups.get(ref.ref.toLowerCase())!;
    if (lookup.status === 'found') continue;
    const place = lookup.status === 'unknown' ? ref.ref.toLowerCase() : `${ref.ref.toLowerCase()}|${ref.source?.file}:${ref.source?.line}:${ref.source?.col}|${rowOf(rows, ref.address) === undefined ? ref.address : ''}`;
    const seen = byPlace.get(place);
    if (seen) seen.rows++;
    else byPlace.set(place, { ref, rows: 0 });
  }
  return [...byPlace.values()].map(({ ref, rows: more }) => {
    const lookup = lookups.get(ref.ref.toLowerCase()) as Exclude<Lookup, { status: 'found' }>;
    const inRow = inRows(rowOf(rows, ref.address), more);
    if (lookup.status === 'unusable') return diagnosticAt(ref, file, 'error', 'PR103', `${ref.role} '${ref.principal}': ${lookup.why}${inRow}`);
    const hint = lookup.why.startsWith('403') ? '; the app needs the Graph application permission Group.Read.All (provision doctor names what is missing)' : '';
    return diagnosticAt(ref, file, 'error', 'PR104', `${ref.role} '${ref.principal}' could not be looked up (${lookup.why})${hint}`);
  });
}
