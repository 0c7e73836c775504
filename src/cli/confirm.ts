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
  // Ctrl-C at the prompt reaches the prompt, not the process (the terminal is in raw mode): it is a no,
  // said as one (readline's own answer is an error, 'Aborted with Ctrl+C').
  const cancelled = new AbortController();
  rl.on('SIGINT', () => cancelled.abort());
  try {
    const answer = await rl.question("Do you want to perform these actions? Only 'yes' will be accepted: ", { signal: cancelled.signal });
    return answer.trim() === 'yes' ? { ok: true } : { ok: false, why: 'apply cancelled' };
  } catch (error) {
    if (cancelled.signal.aborted) return { ok: false, why: 'apply cancelled (Ctrl-C)' };
    throw error;
  } finally {
    rl.close();
  }
}
