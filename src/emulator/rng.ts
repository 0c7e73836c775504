/**
 * Randomness of the local tenant that runs can repeat: a seeded PRNG and the log-normal
 * durations it draws (latencies, async delays). Used by the configuration's consumers (policy,
 * faults, directory lag) without depending on config.ts.
 */

/** A log-normal duration: half the draws are under `medianMs`; `sigma` widens the tail; draws are capped at `maxMs`. Simulated ms. */
export interface Dist {
  medianMs: number;
  sigma: number;
  maxMs: number;
}

/** A small seeded PRNG (mulberry32) so that runs can be repeated. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** a draw of a log-normal distribution, simulated ms */
  draw(dist: Dist): number {
    if (dist.medianMs <= 0) return 0;
    if (dist.sigma <= 0) return dist.medianMs;
    const u1 = Math.max(this.next(), 1e-12);
    const u2 = this.next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.min(dist.medianMs * Math.exp(dist.sigma * z), dist.maxMs > 0 ? dist.maxMs : Infinity);
  }
}
