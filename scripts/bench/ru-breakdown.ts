/**
 * Where a run's SharePoint resource units went: the local tenant's charge by operation
 * (`/_emulator/stats` `resourceUnits.sharepointByOperation`: every charged request, `$batch`
 * sub-requests under their own operation), per workspace, against the requests the workspace
 * must make (minimal-cost.ts). What is above the minimal is the waste to explain.
 */
import type { EmulatorStats } from './emulator-process.ts';
import { REQUIRED } from './minimal-cost.ts';

/** One operation's share of a run, per workspace. */
export interface RuRow {
  op: string;
  requests: number;
  ru: number;
  /** What minimal-cost.ts requires of this operation (0 when none). */
  requiredRequests: number;
  requiredRu: number;
}

/** Per-workspace SharePoint RU by operation, most expensive first; the run's stats after minus before. */
export function ruBreakdown(after: EmulatorStats, before: EmulatorStats | undefined, workspaces: number): RuRow[] {
  const now = after.resourceUnits.sharepointByOperation ?? {};
  const then = before?.resourceUnits.sharepointByOperation ?? {};
  const rows = new Map<string, RuRow>();
  for (const [op, v] of Object.entries(now)) {
    const requests = (v.requests - (then[op]?.requests ?? 0)) / workspaces;
    const ru = (v.ru - (then[op]?.ru ?? 0)) / workspaces;
    if (requests > 0) rows.set(op, { op, requests, ru, requiredRequests: 0, requiredRu: 0 });
  }
  for (const r of REQUIRED) {
    const row = rows.get(r.op) ?? { op: r.op, requests: 0, ru: 0, requiredRequests: 0, requiredRu: 0 };
    row.requiredRequests += r.count;
    row.requiredRu += r.count * r.ru;
    rows.set(r.op, row);
  }
  return [...rows.values()].sort((a, b) => b.ru - b.requiredRu - (a.ru - a.requiredRu) || b.ru - a.ru);
}

/** The breakdown as text lines: operation, requests and RU per workspace, the minimal, the excess. */
export function formatRuBreakdown(rows: RuRow[]): string[] {
  const n = (x: number) => x.toFixed(2).padStart(6);
  const out = [`  ${'RU/ws'.padStart(6)} ${'req/ws'.padStart(6)} ${'min RU'.padStart(6)} ${'excess'.padStart(6)}  operation`];
  for (const r of rows) out.push(`  ${n(r.ru)} ${n(r.requests)} ${n(r.requiredRu)} ${n(r.ru - r.requiredRu)}  ${r.op}`);
  const total = rows.reduce((a, r) => a + r.ru, 0);
  const required = rows.reduce((a, r) => a + r.requiredRu, 0);
  out.push(`  ${n(total)} ${''.padStart(6)} ${n(required)} ${n(total - required)}  total`);
  return out;
}
