/**
 * The apply's signal handling (src/cli/interrupt.ts), driven by SIGINT and SIGTERM emitted on this
 * process (its listeners run; nothing is sent to the process): before changes start the first
 * signal exits at once; after, the first aborts the run's signal and the second exits at once.
 */
import { afterEach, expect, test, vi } from 'vitest';
import { EXIT_CLEANUP_MS, signalExitCode, watchInterrupts, type ApplyInterrupts } from '../../src/cli/interrupt.ts';

let watching: ApplyInterrupts | undefined;
afterEach(() => watching?.dispose());

function watch(): { said: string[]; exits: number[] } {
  const said: string[] = [];
  const exits: number[] = [];
  watching = watchInterrupts((line) => said.push(line), (code) => exits.push(code));
  return { said, exits };
}

test('before any change the first signal exits at once, with 128 + its number', () => {
  const { said, exits } = watch();
  process.emit('SIGTERM');
  expect(exits).toEqual([143]);
  expect(said).toEqual(['SIGTERM received before any change was made: stopping; nothing was changed.']);
  expect(watching!.signal.aborted).toBe(false);
});

test('once changes start, the first signal stops new ones (the run goes on), the second exits at once', () => {
  const { said, exits } = watch();
  watching!.changesStarting();
  process.emit('SIGINT');
  expect(exits).toEqual([]);
  expect(watching!.signal.aborted).toBe(true);
  expect(watching!.signal.reason).toBe('the apply was interrupted (SIGINT)');
  expect(watching!.received).toBe('SIGINT');
  process.emit('SIGINT');
  expect(exits).toEqual([130]);
  expect(said[1]).toMatch(/^SIGINT received again: stopping at once/);
  expect(signalExitCode('SIGINT')).toBe(130);
});

test('after dispose the process is left to its default handling', () => {
  const before = process.listenerCount('SIGINT');
  watch();
  expect(process.listenerCount('SIGINT')).toBe(before + 1);
  watching!.dispose();
  watching = undefined;
  expect(process.listenerCount('SIGINT')).toBe(before);
});

test('an exit at once first runs what is held (the lock and lease release), at most EXIT_CLEANUP_MS; a signal meanwhile exits without waiting', async () => {
  vi.useFakeTimers();
  try {
    const { exits } = watch();
    let releases = 0;
    let finishRelease!: () => void;
    const done = watching!.whileHeld(() => {
      releases++;
      return new Promise<void>((resolve) => (finishRelease = resolve));
    });
    process.emit('SIGTERM');
    expect(releases).toBe(1);
    expect(exits).toEqual([]); // waiting for the release
    finishRelease();
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([143]);

    // A release that never ends holds the exit EXIT_CLEANUP_MS at most.
    watching!.dispose();
    const second = watch();
    watching!.whileHeld(() => new Promise<void>(() => {}));
    process.emit('SIGINT');
    await vi.advanceTimersByTimeAsync(EXIT_CLEANUP_MS - 1);
    expect(second.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(second.exits).toEqual([130]);

    // A signal during the wait exits at once; a clean-up given back is not run.
    watching!.dispose();
    const third = watch();
    let ran = 0;
    watching!.whileHeld(() => new Promise<void>(() => {}));
    watching!.whileHeld(async () => void ran++)();
    process.emit('SIGINT');
    process.emit('SIGINT');
    expect(third.exits).toEqual([130]);
    expect(ran).toBe(0);
    done();
  } finally {
    vi.useRealTimers();
  }
});
