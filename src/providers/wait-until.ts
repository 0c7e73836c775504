/**
 * A bounded readiness probe: calls `probe` until it gives a value, backing off from `firstMs`
 * up to `maxMs` between attempts, and gives up after `timeoutMs` with an error naming what was
 * awaited. Used for things the service finishes later (a new group's site, a site being
 * provisioned), instead of blind sleeps.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { firstMs = 250, maxMs = 15_000, timeoutMs = 15 * 60_000 }: { firstMs?: number; maxMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = firstMs; ; wait = Math.min(maxMs, wait * 2)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + wait > deadline) throw new Error(`gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
