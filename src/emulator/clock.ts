/**
 * The emulator's clock. Simulated time runs `scale` times faster than the wall clock (1 = real
 * time), so that a simulated day of throttle budget runs in minutes. Every duration the emulator
 * applies (latency, async work) or announces (Retry-After, RateLimit-Reset) is simulated time,
 * converted with `toRealMs` / `toRealSeconds` before it is slept or sent.
 */
export interface Clock {
  /** simulated epoch ms */
  now(): number;
  /** how many simulated ms pass per real ms (1 = real time) */
  readonly scale: number;
}

export const realClock: Clock = { now: () => Date.now(), scale: 1 };

export class ScaledClock implements Clock {
  private readonly realStart: number;
  private readonly simStart: number;
  /** simulated ms added by `advance` */
  private skipped = 0;
  constructor(
    readonly scale: number,
    start = Date.now(),
  ) {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`invalid time scale ${scale}`);
    this.realStart = Date.now();
    this.simStart = start;
  }

  now(): number {
    if (this.scale === 1) return Date.now() - this.realStart + this.simStart + this.skipped;
    return this.simStart + this.skipped + (Date.now() - this.realStart) * this.scale;
  }

  /**
   * Moves simulated time forward at once (tests of what happens a day later, such as custom
   * script being denied again, without waiting): everything that follows the clock sees it.
   */
  advance(simMs: number): void {
    if (!(simMs >= 0) || !Number.isFinite(simMs)) throw new Error(`invalid clock advance ${simMs}`);
    this.skipped += simMs;
  }

  /** simulated ms since the clock started */
  elapsed(): number {
    return this.now() - this.simStart;
  }
}

/** Real (wall clock) ms for a simulated duration. */
export function toRealMs(clock: Clock, simMs: number): number {
  return simMs / clock.scale;
}
