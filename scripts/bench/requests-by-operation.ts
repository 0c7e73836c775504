/**
 * The HTTP requests of a run by operation, per workspace, most frequent first (the local tenant's
 * `byOperation`: a `$batch` counts once, under `POST /$batch`). The engine's CPU follows its
 * requests, so this is where to look for requests a workspace does not need.
 */
import type { EmulatorStats } from './emulator-process.ts';

export function formatRequestsByOperation(stats: EmulatorStats, workspaces: number, top = 20): string[] {
  const rows = Object.entries(stats.byOperation)
    .filter(([op]) => !op.startsWith('GET /_emulator'))
    .sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  return [
    `   req/ws  operation (${(total / workspaces).toFixed(1)} requests a workspace in all)`,
    ...rows.slice(0, top).map(([op, n]) => `  ${(n / workspaces).toFixed(2).padStart(7)}  ${op}`),
  ];
}
