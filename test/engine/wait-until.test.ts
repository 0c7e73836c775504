/**
 * The bounded readiness probe (src/kinds/shared/wait-until.ts) stays bounded whatever its
 * schedule (`nextMs`) gives: a wait of 0, a negative one or NaN neither probes without pause nor
 * probes past the deadline.
 */
import { expect, test } from 'vitest';
import { waitUntil } from '../../src/kinds/shared/wait-until.ts';
import { NotReadyError } from '../../src/model/not-ready.ts';

for (const [name, gap] of [['0', 0], ['a negative wait', -5_000], ['NaN', Number.NaN]] as const) {
  test(`a schedule that gives ${name} still gives up at the deadline, probing at most every firstMs`, async () => {
    let probes = 0;
    const started = Date.now();
    const outcome = await Promise.race([
      waitUntil('something', async () => void probes++, { firstMs: 100, timeoutMs: 1_000, nextMs: () => gap }).catch((e: unknown) => e),
      // On the old code: NaN never reaches the deadline (this fires), 0 probes thousands of times.
      new Promise((resolve) => setTimeout(() => resolve('still probing after 5 s'), 5_000)),
    ]);
    expect(outcome).toBeInstanceOf(NotReadyError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(probes).toBeLessThanOrEqual(11);
  }, 10_000);
}

test('the time a gate holds a probe back does not count against the deadline, and the gate hears when each probe is answered', async () => {
  const heard: number[] = [];
  let probes = 0;
  const gate = async () => {
    await new Promise((r) => setTimeout(r, 600));
    return () => void heard.push(probes);
  };
  // two holds of 600 ms pass the 1,000 ms deadline before the second miss (counted: NotReadyError)
  const value = await waitUntil('something', async () => (++probes === 3 ? 'there' : undefined), { timeoutMs: 1_000, nextMs: () => 50, gate });
  expect(value).toBe('there');
  expect(heard).toEqual([1, 2, 3]);
}, 10_000);

test('firstWaitMs waits before the first probe and counts as waited', async () => {
  const started = Date.now();
  let at = 0;
  await waitUntil('something', async () => ((at = Date.now() - started), 'there'), { firstWaitMs: 300, nextMs: () => 10 });
  expect(at).toBeGreaterThanOrEqual(290);
  const waits: number[] = [];
  let n = 0;
  await waitUntil('something', async () => (++n === 2 ? 'there' : undefined), { firstWaitMs: 100, nextMs: (w) => (waits.push(w), 10) });
  expect(waits).toEqual([100]);
}, 10_000);
