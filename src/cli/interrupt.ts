/**
 * Ctrl-C and SIGTERM while `provision apply` runs (a user's key, a pipeline's job cancelled: CI
 * runners send SIGINT or SIGTERM and wait a few seconds before killing). Before changes start
 * (planning, the prompt) the first signal exits at once: nothing was changed. Once they have
 * started, the first signal stops the start of new changes: the changes in flight finish and
 * are recorded, ownership is flushed, the lease and the lock are released, and the summary says
 * how many were not started (src/engine/run-apply.ts, `interrupt`); the second exits at once,
 * leaving what was in flight as intents in the journal and the ownership ledger, which the next
 * apply adopts (the kill -9 case).
 */

/** Exit code of a process stopped by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

/** The interrupts of one apply: `signal` aborts at the first signal once changes have started. */
export interface ApplyInterrupts {
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Changes are starting: from now on the first signal stops gracefully. */
  changesStarting(): void;
  /** Stops listening (the apply is over). */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM; `say` tells the user what happens, `exit` ends the process. */
export function watchInterrupts(say: (line: string) => void, exit: (code: number) => void = (code) => process.exit(code)): ApplyInterrupts {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let started = false;
  const on = (signal: NodeJS.Signals): void => {
    if (!started) {
      say(`${signal} received before any change was made: stopping; nothing was changed.`);
      return exit(signalExitCode(signal));
    }
    if (received) {
      say(`${signal} received again: stopping at once. What was in flight is recorded as intents (the journal, the ownership ledger); the next apply adopts what they made.`);
      return exit(signalExitCode(signal));
    }
    received = signal;
    say(`${signal} received: no new change is started; the changes in flight finish and are recorded (send it again to stop at once).`);
    controller.abort(`the apply was interrupted (${signal})`);
  };
  const onInt = () => on('SIGINT');
  const onTerm = () => on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    changesStarting: () => {
      started = true;
    },
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
