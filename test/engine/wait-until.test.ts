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
