/**
 * `$search` on directory collections (users, groups), as Microsoft's "Use the $search query
 * parameter" describes it for directory objects: clauses `"property:term"`, each in double quotes,
 * joined by `AND` / `OR` (AND binds tighter). `displayName` and `description` are tokenized
 * (split at spaces, punctuation, letter/digit changes and lower-to-upper case changes) and a
 * clause matches when the term's tokens start the value's tokens in order, the last as a prefix;
 * other properties (mail, userPrincipalName, …) match when their value starts with the term.
 * Anything else is the service's 400.
 */
import { GraphError } from './errors.ts';

/** A compiled `$search`: true when an object (its Graph JSON) matches. */
export type SearchPredicate = (obj: Record<string, unknown>) => boolean;

const TOKENIZED = new Set(['displayname', 'description']);
const PREFIX = new Set(['mail', 'mailnickname', 'userprincipalname', 'givenname', 'surname', 'othermails', 'proxyaddresses']);
/** at most this many clauses: a bounded input */
const MAX_CLAUSES = 20;

function invalid(detail: string): GraphError {
  return new GraphError(400, 'Request_BadRequest', `Invalid $search query: ${detail}`);
}

/** Splits a value the way the directory's search index does (see the file comment). */
export function searchTokens(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])|([0-9])([A-Za-z])/g, (_m, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function tokenMatch(value: string, term: string): boolean {
  const v = searchTokens(value);
  const t = searchTokens(term);
  if (t.length === 0) return false;
  for (let i = 0; i + t.length <= v.length; i++) {
    let ok = true;
    for (let j = 0; j < t.length && ok; j++) ok = j === t.length - 1 ? v[i + j]!.startsWith(t[j]!) : v[i + j] === t[j];
    if (ok) return true;
  }
  return false;
}

function clause(prop: string, term: string): SearchPredicate {
  const p = prop.toLowerCase();
  const t = term.toLowerCase();
  const values = (obj: Record<string, unknown>): string[] => {
    const key = Object.keys(obj).find((k) => k.toLowerCase() === p);
    const v = key === undefined ? undefined : obj[key];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
  };
  if (TOKENIZED.has(p)) return (obj) => values(obj).some((v) => tokenMatch(v, term));
  return (obj) => values(obj).some((v) => v.toLowerCase().replace(/^smtp:/, '').startsWith(t));
}

/** Compiles a `$search` value; throws the service's 400 for what it refuses. */
export function compileSearch(raw: string): SearchPredicate {
  const s = raw.trim();
  const parts: (SearchPredicate | 'AND' | 'OR')[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === ' ') {
      i++;
      continue;
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) throw invalid('a clause is missing its closing double quote.');
      const body = s.slice(i + 1, end);
      const colon = body.indexOf(':');
      if (colon <= 0) throw invalid(`the clause "${body}" must name a property, as in "displayName:${body}".`);
      const prop = body.slice(0, colon).trim();
      if (!TOKENIZED.has(prop.toLowerCase()) && !PREFIX.has(prop.toLowerCase())) throw new GraphError(400, 'Request_UnsupportedQuery', `Unsupported or invalid query search clause specified for property '${prop}'.`);
      parts.push(clause(prop, body.slice(colon + 1)));
      i = end + 1;
      continue;
    }
    const m = /^(AND|OR)\b/.exec(s.slice(i));
    if (!m) throw invalid(`unexpected '${s.slice(i, i + 20)}': each clause must be in double quotes, as in "displayName:value".`);
    parts.push(m[1] as 'AND' | 'OR');
    i += m[1]!.length;
  }
  // clause (op clause)*
  const clauses = parts.filter((p) => typeof p === 'function');
  if (clauses.length === 0) throw invalid('no clause.');
  if (clauses.length > MAX_CLAUSES) throw invalid(`at most ${MAX_CLAUSES} clauses.`);
  for (let k = 0; k < parts.length; k++) if ((k % 2 === 0) !== (typeof parts[k] === 'function')) throw invalid('clauses must be joined by AND or OR.');
  if (parts.length % 2 === 0) throw invalid('a trailing AND or OR.');
  const ors: SearchPredicate[][] = [[]];
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (p === 'OR') ors.push([]);
    else if (p !== 'AND') ors[ors.length - 1]!.push(p);
  }
  return (obj) => ors.some((all) => all.every((f) => f(obj)));
}
