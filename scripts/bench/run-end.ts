/**
 * What the end of an apply waited for (issue 12's idle tail): when the last change of a kind
 * that writes SharePoint succeeded, how much longer the apply ran, and the longest-running of the
 * changes that succeeded after it (a team still being made). Fed the apply's events as they come;
 * times are real, reported in simulated time (× the local tenant's time scale).
 */
import type { ApplyEvent } from '../../src/apply/events.ts';
import { anyKind } from '../../src/kinds/registry.ts';
import type { Address } from '../../src/model/address.ts';
import type { ResourceKind } from '../../src/model/resources.ts';

/** The end of a run, in simulated ms. */
export interface RunEndFigures {
  /** from the last outcome of a SharePoint-writing change to the apply's end */
  afterSharePointMs: number;
  /** of the changes that finished after it, the one that ran longest */
  waitedFor?: { address: Address; action: string; tookMs: number };
}

export class RunEnd {
  private lastSharePointAt = 0;
  private waitedFor?: { address: Address; action: string; tookMs: number };

  constructor(
    private readonly kindOf: (address: Address) => ResourceKind | undefined,
    private readonly timeScale: number,
  ) {}

  onEvent(event: ApplyEvent, at = Date.now()): void {
    if (event.type !== 'succeeded') return;
    const kind = this.kindOf(event.address);
    if (kind && anyKind(kind).writesOutsideSharePoint !== true) {
      this.lastSharePointAt = at;
      this.waitedFor = undefined;
      return;
    }
    const tookMs = event.ms * this.timeScale;
    if (!this.waitedFor || tookMs > this.waitedFor.tookMs) this.waitedFor = { address: event.address, action: event.action, tookMs };
  }

  /** The figures at `endedAt` (real ms), the moment the apply returned. */
  figures(endedAt: number): RunEndFigures {
    return { afterSharePointMs: this.lastSharePointAt ? (endedAt - this.lastSharePointAt) * this.timeScale : 0, ...(this.waitedFor ? { waitedFor: this.waitedFor } : {}) };
  }
}

/** One line: how long the apply ran after its SharePoint work, and what it waited for then. */
export function formatRunEnd(f: RunEndFigures): string {
  const min = (ms: number) => `${(ms / 60_000).toFixed(1)} simulated min`;
  const w = f.waitedFor ? `; the longest change after it: ${f.waitedFor.action} ${f.waitedFor.address}, which ran ${min(f.waitedFor.tookMs)}` : '';
  return `Engine's end: the apply ran ${min(f.afterSharePointMs)} after its last SharePoint change finished${w}`;
}
