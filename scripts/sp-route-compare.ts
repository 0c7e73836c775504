/**
 * Compares two outputs of scripts/sp-route-replay.ts (the face before and after a change): the
 * count of SharePoint answers, by status, and every answer (or tenant's operation counts, what
 * the stats show) whose status or body differs.
 *
 *   npx tsx scripts/sp-route-compare.ts <before.jsonl> <after.jsonl>
 */
import { readFileSync } from 'node:fs';

interface Line {
  label: string;
  method: string;
  url: string;
  host?: string | null;
  xmethod?: string | null;
  status: number;
  body: string;
}

const read = (f: string): Line[] =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
const [a, b] = process.argv.slice(2).map(read);
if (!a || !b) throw new Error('usage: sp-route-compare.ts <before.jsonl> <after.jsonl>');
if (a.length !== b.length) throw new Error(`${a.length} answers before, ${b.length} after`);
const byStatus = new Map<string, number>();
let diff = 0;
a.forEach((x, i) => {
  const y = b[i]!;
  const kind = x.method === 'STATS' ? 'operations' : x.label === 'odd' ? 'odd' : 'recorded';
  byStatus.set(`${kind} ${x.status}`, (byStatus.get(`${kind} ${x.status}`) ?? 0) + 1);
  if (x.status !== y.status || x.body !== y.body) {
    diff++;
    console.log(`DIFF ${x.method}${x.xmethod ? `(${x.xmethod})` : ''} ${x.host ?? ''}${x.url}\n  before ${x.status} ${x.body.slice(0, 300)}\n  after  ${y.status} ${y.body.slice(0, 300)}`);
  }
});
const count = (k: (x: Line) => boolean) => a.filter(k).length;
console.log(
  `${a.length} lines compared (${count((x) => x.method !== 'STATS' && x.label !== 'odd')} recorded answers, ${count((x) => x.method !== 'STATS' && x.label === 'odd')} odd-path answers, ${count((x) => x.method === 'STATS')} tenants' operation counts), ${diff} differ`,
);
console.log([...byStatus].sort().map(([k, v]) => `${k}: ${v}`).join(', '));
