/**
 * Asks on the terminal before apply changes anything. Without a terminal it refuses: apply
 * without `--yes` must never go ahead unseen.
 */
import { createInterface } from 'node:readline/promises';

export async function confirmApply(): Promise<{ ok: true } | { ok: false; why: string }> {
  if (!process.stdin.isTTY) {
    return { ok: false, why: 'refusing to apply without --yes: there is no terminal to confirm on' };
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question("Do you want to perform these actions? Only 'yes' will be accepted: ");
    return answer.trim() === 'yes' ? { ok: true } : { ok: false, why: 'apply cancelled' };
  } finally {
    rl.close();
  }
}
