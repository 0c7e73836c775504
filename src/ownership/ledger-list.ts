/**
 * A site's ownership ledger list (`LEDGER_LIST`, hidden): found, or made. Its create is the one
 * write of the ledger that makes an object, and it keeps never-create-twice as apply's creates
 * do: after no clear answer (or a refusal in passing) the list is looked for, and sent again only
 * when it is not there; a second list under the name is refused as taken, or given a number by
 * the service and deleted. Before (2026-12-07, a faults file resetting the first `POST
 * /sites/{id}/lists`), one lost answer stopped apply before it changed anything: "POST failed
 * before an answer arrived".
 */
import { isConflict } from '../model/tenant-error.ts';
import type { GraphFace } from '../tenant/graph-client.ts';
import { pause } from '../time/engine-time.ts';
import { LEDGER_LIST } from './ledger-scope.ts';
import { isPassingFailure } from '../tenant/write-again.ts';

/** Sends of the list's create after the first, each after a look that did not find it; the first wait (engine ms, doubling). */
const [LIST_CREATE_RETRIES, LIST_CREATE_BACKOFF_MS] = [2, 500];

/** The site's ledger list and whether this call made it (then it holds nothing yet). */
export interface LedgerList {
  listId: string;
  created: boolean;
}

/**
 * The ledger list of `siteId`: looked up first when `mayExist` (one read when it exists), else
 * (a site this run created) created at once. `stats` counts the reads and creates.
 */
export async function ledgerListOf(graph: GraphFace, siteId: string, mayExist: boolean, stats: { reads: number; listCreates: number }): Promise<LedgerList> {
  const lookUp = () => graph.find<{ id: string }>(`/sites/${siteId}/lists/${LEDGER_LIST}?$select=id`);
  if (mayExist) {
    stats.reads++;
    const existing = await lookUp();
    if (existing) return { listId: existing.id, created: false };
  }
  for (let attempt = 0; ; attempt++) {
    try {
      stats.listCreates++;
      const created = await graph.post<{ id: string; name: string }>(`/sites/${siteId}/lists`, {
        displayName: LEDGER_LIST,
        description: 'What m365-provision created for which blueprint (used for pruning). Do not edit.',
        list: { template: 'genericList', hidden: true },
        columns: [{ name: 'Owned', text: { allowMultipleLines: true } }],
      });
      // The service gives a taken name a number: then the ledger existed after all.
      if (created.name === LEDGER_LIST) return { listId: created.id, created: true };
      await graph.delete(`/sites/${siteId}/lists/${created.id}`);
      break;
    } catch (error) {
      if (isConflict(error)) break;
      if (attempt >= LIST_CREATE_RETRIES || !isPassingFailure(error)) throw error;
      // Found after a lost answer: read as any existing list (another run may have written it since).
      stats.reads++;
      const made = await lookUp();
      if (made) return { listId: made.id, created: false };
      await pause(LIST_CREATE_BACKOFF_MS * 2 ** attempt);
    }
  }
  const found = await graph.get<{ id: string }>(`/sites/${siteId}/lists/${LEDGER_LIST}?$select=id`);
  return { listId: found.id, created: false };
}
