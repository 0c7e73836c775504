/** The emulator's clock. Later issues compress it (a simulated day in minutes); today it is real time. */
export interface Clock {
  now(): number;
}

export const realClock: Clock = { now: () => Date.now() };
