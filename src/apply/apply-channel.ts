/**
 * The process-wide signal that changes are being applied: `applyPlan` publishes `{ applying:
 * true }` on APPLY_CHANNEL when it starts executing a plan's changes and `{ applying: false }`
 * when it is done (however it ends), once each. Nothing in the engine listens; the `provision`
 * command's heap setting (bin/heap-settings.js) does, to collect the old generation more often
 * while changes are applied than while the tenant is read (docs/performance.md, issue 12). A
 * channel of `node:diagnostics_channel`, found by its name, so the listener needs no import of
 * the engine, and a publish with no listener costs nothing.
 */
import { channel } from 'node:diagnostics_channel';

/** The channel's name; bin/heap-settings.js subscribes to the same name. */
export const APPLY_CHANNEL = 'm365-provision:applying';

/** What is published on APPLY_CHANNEL. */
export interface ApplyingMessage {
  applying: boolean;
}

const applying = channel(APPLY_CHANNEL);

/** Publishes that a plan's changes start (`true`) or stopped (`false`) being applied. */
export function publishApplying(value: boolean): void {
  if (applying.hasSubscribers) applying.publish({ applying: value } satisfies ApplyingMessage);
}
