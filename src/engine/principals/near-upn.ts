/**
 * A likely typo's correction for a user principal name the directory lacks: the directory's
 * names that start with the same letter (one Graph read per letter,
 * `GET /users?$filter=startswith(userPrincipalName,'<letter>')`, the first page of at most 999,
 * shared by every missing name of that letter: a best effort, bounded), and the closest of them
 * in the same domain whose name part is at most two edits away (a letter missing, doubled,
 * swapped or wrong). Only the error path pays for it: a blueprint whose people all exist makes
 * no such read.
 */
import { levenshtein } from '../../blueprint-core/rules.ts';
import type { GraphFace } from '../../tenant/graph-client.ts';

/** The most edits (OSA distance) between the written name part and a suggested one. */
export const NEAR_UPN_EDITS = 2;
/** Users read for one letter: Graph's largest page for users. */
const PAGE = 999;

/** The closest name in `candidates` (full UPNs) to `upn`: same domain, name part within NEAR_UPN_EDITS (and a quarter of its length), or undefined. Pure. */
export function nearestUpn(upn: string, candidates: Iterable<string>): string | undefined {
  const [local, domain] = splitUpn(upn);
  if (!local || !domain) return undefined;
  const allowed = Math.min(NEAR_UPN_EDITS, Math.max(1, Math.floor(local.length / 4)));
  let best: string | undefined;
  let bestD = allowed + 1;
  for (const c of candidates) {
    const [cl, cd] = splitUpn(c);
    if (!cl || cd !== domain || cl === local) continue;
    const d = levenshtein(local, cl, bestD - 1);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function splitUpn(upn: string): [string, string] | [] {
  const at = upn.lastIndexOf('@');
  if (at <= 0 || at === upn.length - 1) return [];
  return [upn.slice(0, at).toLowerCase(), upn.slice(at + 1).toLowerCase()];
}

/** Suggests a correction for missing names, reading each letter's users once. */
export function nearUpnFinder(graph: GraphFace): (upn: string) => Promise<string | undefined> {
  const pages = new Map<string, Promise<string[]>>();
  const usersFrom = (letter: string): Promise<string[]> => {
    let page = pages.get(letter);
    if (!page) {
      const quoted = letter.replace(/'/g, "''");
      page = graph
        .get<{ value?: Array<{ userPrincipalName?: string }> }>(`/users?$filter=${encodeURIComponent(`startswith(userPrincipalName,'${quoted}')`)}&$select=userPrincipalName&$top=${PAGE}`)
        .then((r) => (r.value ?? []).flatMap((u) => (u.userPrincipalName ? [u.userPrincipalName] : [])))
        .catch(() => []);
      pages.set(letter, page);
    }
    return page;
  };
  return async (upn) => {
    const letter = upn.charAt(0).toLowerCase();
    if (!letter || letter === '@') return undefined;
    return nearestUpn(upn, await usersFrom(letter));
  };
}
