/**
 * Engine time (see README): a process-wide scale for the durations the engine chooses itself.
 * Contract: `pause(ms)` waits `ms / scale` real milliseconds, `realMs(ms)` converts; the scale
 * is 1 unless the local tenant runs compressed, and it is set once, before any work starts.
 */
let scale = 1;

export function setEngineTimeScale(value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`time scale must be positive, not ${value}`);
  scale = value;
}

/** An engine-chosen duration in real milliseconds. */
export function realMs(ms: number): number {
  return ms / scale;
}

/** A real duration in engine milliseconds (the inverse of `realMs`). */
export function engineMs(ms: number): number {
  return ms * scale;
}

/** Waits an engine-chosen duration. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms / scale));
}

/** Waits a duration the service announced (already real time). */
export function sleepReal(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
