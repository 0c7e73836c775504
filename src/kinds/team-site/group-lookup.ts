/**
 * Groups looked up by mailNickname, many names a request (issue 12). A plan reads every
 * workspace's group by its natural key; one `$filter=mailNickname eq '…'` a workspace made the
 * plan of 2,000 new workspaces 2,000 directory reads (100 `$batch` requests) before apply could
 * start. The lookups asked in one turn of the event loop go together as
 * `$filter=mailNickname in ('a','b',…)`, at most IN_VALUES_AT_MOST names a request (Graph's
 * bound on `in`; the local tenant refuses more, as the service does), and each caller gets the
 * group whose mailNickname equals its name as the directory compares it (case-insensitively), or
 * undefined. The requests still go through the Graph face, so they are paced and batched like
 * any other read; a failed request fails every lookup it carried (each read is then unknown).
 */
import type { GraphFace } from '../../tenant/graph-client.ts';
import { odataString } from '../shared/odata.ts';

/** Values Graph takes in one `in` operator. */
export const IN_VALUES_AT_MOST = 15;

interface Waiter<G> {
  name: string;
  done: (group: G | undefined) => void;
  fail: (error: unknown) => void;
}

/** The lookups of one Graph face with one query tail (`$select`, `$expand`): see the file header. */
export class GroupLookups<G extends { mailNickname: string }> {
  private pending: Waiter<G>[] = [];
  private scheduled = false;

  /** `tail`: what follows the filter, e.g. `&$select=id,mailNickname&$expand=owners`. */
  constructor(
    private readonly graph: GraphFace,
    private readonly tail: string,
  ) {}

  /** The group whose mailNickname is `name` (as the directory compares), or undefined. */
  find(name: string): Promise<G | undefined> {
    return new Promise((done, fail) => {
      this.pending.push({ name, done, fail });
      if (this.pending.length >= IN_VALUES_AT_MOST) this.flush(IN_VALUES_AT_MOST);
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          while (this.pending.length > 0) this.flush(IN_VALUES_AT_MOST);
        });
      }
    });
  }

  /** Sends the first names waiting (up to `most` distinct ones) as one request. */
  private flush(most: number): void {
    const taken: Waiter<G>[] = [];
    const names = new Set<string>();
    while (this.pending.length > 0) {
      const key = this.pending[0]!.name.toLowerCase();
      if (!names.has(key) && names.size >= most) break;
      names.add(key);
      taken.push(this.pending.shift()!);
    }
    const values = [...names].map(odataString).join(',');
    const filter = names.size === 1 ? `mailNickname eq ${values}` : `mailNickname in (${values})`;
    this.graph.get<{ value: G[] }>(`/groups?$filter=${filter}${this.tail}`).then(
      (found) => {
        const byName = new Map(found.value.map((g) => [g.mailNickname.toLowerCase(), g]));
        for (const w of taken) w.done(byName.get(w.name.toLowerCase()));
      },
      (error: unknown) => {
        for (const w of taken) w.fail(error);
      },
    );
  }
}

const lookupsOf = new WeakMap<GraphFace, Map<string, GroupLookups<{ mailNickname: string }>>>();

/** The lookups of `graph` with query tail `tail`, shared by every caller that asks the same. */
export function groupLookups<G extends { mailNickname: string }>(graph: GraphFace, tail: string): GroupLookups<G> {
  let byTail = lookupsOf.get(graph);
  if (!byTail) lookupsOf.set(graph, (byTail = new Map()));
  let lookups = byTail.get(tail);
  if (!lookups) byTail.set(tail, (lookups = new GroupLookups(graph, tail)));
  return lookups as unknown as GroupLookups<G>;
}
