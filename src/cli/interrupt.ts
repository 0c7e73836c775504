/**
 * Ctrl-C and SIGTERM while `provision apply` runs (a user's key, a pipeline's job cancelled: CI
 * runners send SIGINT or SIGTERM and wait a few seconds before killing). Before changes start
 * (planning, the prompt) the first signal exits at once: nothing was changed. Once they have
 * started, the first signal stops the start of new changes: the changes in flight finish and
 * are recorded, ownership is flushed, the lease and the lock are released, and the summary says
 * how many were not started (src/engine/run-apply.ts, `interrupt`); the second exits at once,
 * leaving what was in flight as intents in the journal and the ownership ledger, which the next
 * apply adopts (the kill -9 case).
 * An exit at once first runs what `whileHeld` registered (the apply's lock and tenant lease are
 * taken before the plan, which at 10,000 workspaces reads for minutes: a lease left behind would
 * block the next run on another machine until it expires), for at most EXIT_CLEANUP_MS; a signal
 * during that wait exits without waiting.
 */

/** The longest an exit at once waits for its clean-ups (releasing the lease is one request). */
export const EXIT_CLEANUP_MS = 3_000;

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
  /** Runs `cleanup` before any exit at once until the returned function is called (it is done). */
  whileHeld(cleanup: () => Promise<void>): () => void;
  /** Stops listening (the apply is over). */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM; `say` tells the user what happens, `exit` ends the process. */
export function watchInterrupts(say: (line: string) => void, exit: (code: number) => void = (code) => process.exit(code)): ApplyInterrupts {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let started = false;
  let exiting = false;
  const cleanups = new Set<() => Promise<void>>();
  /** Exits after the clean-ups (bounded), or at once when there are none or a signal comes again. */
  const exitNow = (code: number): void => {
    if (exiting || cleanups.size === 0) return exit(code);
    exiting = true;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((done) => (timer = setTimeout(done, EXIT_CLEANUP_MS)));
    void Promise.race([Promise.allSettled([...cleanups].map((cleanup) => cleanup())), bound]).then(() => {
      clearTimeout(timer);
      exit(code);
    });
  };
  const on = (signal: NodeJS.Signals): void => {
    if (exiting) return exitNow(signalExitCode(signal));
    if (!started) {
      say(`${signal} received before any change was made: stopping; nothing was changed.`);
      return exitNow(signalExitCode(signal));
    }
    if (received) {
      say(`${signal} received again: stopping at once. What was in flight is recorded as intents (the journal, the ownership ledger); the next apply adopts what they made.`);
      return exitNow(signalExitCode(signal));
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
    whileHeld: (cleanup) => {
      cleanups.add(cleanup);
      return () => cleanups.delete(cleanup);
    },
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
