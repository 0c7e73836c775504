/**
 * The apply's signal handling (src/cli/interrupt.ts), driven by SIGINT and SIGTERM emitted on this
 * process (its listeners run; nothing is sent to the process): before changes start the first
 * signal exits at once; after, the first aborts the run's signal and the second exits at once.
 */
import { afterEach, expect, test } from 'vitest';
import { signalExitCode, watchInterrupts, type ApplyInterrupts } from '../../src/cli/interrupt.ts';

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
