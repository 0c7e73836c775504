/** The doctor's report as text: a table of checks, then the fix of each one that is not ok. */
import type { DoctorReport } from './check.ts';

const MARK = { ok: 'ok', missing: 'MISSING', 'could not check': 'could not check', advised: 'advised' } as const;

export function renderDoctor(report: DoctorReport): string {
  const w1 = Math.max(...report.checks.map((c) => MARK[c.status].length), 6);
  const w2 = Math.max(...report.checks.map((c) => c.check.length), 5);
  const lines = [`${'status'.padEnd(w1)}  ${'check'.padEnd(w2)}  detail`, `${'-'.repeat(w1)}  ${'-'.repeat(w2)}  ------`];
  for (const c of report.checks) lines.push(`${MARK[c.status].padEnd(w1)}  ${c.check.padEnd(w2)}  ${c.detail}`);
  const todo = report.checks.filter((c) => c.status !== 'ok' && c.fix?.length);
  if (todo.length) {
    lines.push('', 'How to fix:');
    for (const c of todo) {
      lines.push(`- ${c.check} (${c.status}):`);
      for (const f of c.fix!) lines.push(`    ${f}`);
    }
  }
  const bad = report.checks.filter((c) => c.status !== 'ok' && c.status !== 'advised').length;
  const advised = report.checks.filter((c) => c.status === 'advised').length;
  const also = advised ? ` (${advised} advised)` : '';
  lines.push('', bad === 0 ? `All ${report.checks.length} checks passed${also}.` : `${bad} of ${report.checks.length} checks did not pass${also}.`);
  return lines.join('\n') + '\n';
}
