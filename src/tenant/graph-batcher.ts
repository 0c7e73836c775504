/**
 * Coalesces independent Graph GETs into JSON `$batch` requests of at most 20 (architecture
 * decision 8). A GET waits a few milliseconds for company; the batch goes through the same
 * transport as everything else (pacing, Retry-After). A sub-request answered 429 or 5xx is
 * retried on its own after its Retry-After, through the plain path; the others are not held up.
 * Only GETs are batched: a create in a batch would make an ambiguous failure harder to read.
 * A sub-answer's error is read by the one parser (service-error.ts), like a plain answer's.
 */
import { serviceError } from './service-error.ts';
import { parseRetryAfter } from './retry-after.ts';
import { realMs } from '../time/engine-time.ts';
import { sendAgainAlone } from './batch-alone.ts';
import { headerReaderOf, type HeaderReader } from './header-reader.ts';

/** How the batcher sends: one `$batch` POST, and a single GET when a sub-request must go alone. */
export interface BatchSender {
  /** `envelope`: the batch's own answer, by which the transport knows when its parts left. */
  postBatch(body: { requests: BatchRequest[] }): Promise<{ responses: BatchResponse[]; envelope?: Response }>;
  getAlone<T>(path: string): Promise<T>;
  /** A sub-request was throttled: the budget it spends must wait `ms` for everyone. */
  throttled(path: string, ms: number): void;
  /** A sub-answer's status and headers, for the pacer to learn from (`within`: its envelope and place). */
  learn(path: string, status: number, headers: HeaderReader, within?: { envelope: Response; part: number }): void;
  /** True while the budget `path` spends is under pressure: then GETs go one by one, paced. */
  underPressure(path: string): boolean;
  /** The throttling scope `path` spends: a batch holds one scope only, so that it is paced as one. */
  scopeOf(path: string): string;
  /** The most reads of each of `path`'s groups (`key`) one batch may carry (e.g. 4 of one team, 15 Teams calls); empty: no cap but the batch's 20. */
  capOf?(path: string): readonly { key: string; max: number }[];
}

interface BatchRequest {
  id: string;
  method: 'GET';
  url: string;
}

interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Waiting {
  path: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export const MAX_BATCH = 20;

export interface BatcherStats {
  batches: number;
  batched: number;
  retriedAlone: number;
}

export class GraphBatcher {
  readonly stats: BatcherStats = { batches: 0, batched: 0, retriedAlone: 0 };
  private readonly queues = new Map<string, { waiting: Waiting[]; timer?: NodeJS.Timeout }>();

  constructor(
    private readonly sender: BatchSender,
    private readonly delayMs = 4,
  ) {}

  get<T>(path: string): Promise<T> {
    // Near the end of a budget, twenty requests in one would arrive all at once: go one by one.
    if (this.sender.underPressure(path)) return this.sender.getAlone<T>(path);
    const scope = this.sender.scopeOf(path);
    let q = this.queues.get(scope);
    if (!q) this.queues.set(scope, (q = { waiting: [] }));
    const queue = q;
    return new Promise<T>((resolve, reject) => {
      queue.waiting.push({ path, resolve: resolve as (v: unknown) => void, reject });
      // every 20 waiting, send the full batches they make; what cannot fill one (caps) waits for the timer
      if (queue.waiting.length % MAX_BATCH === 0) this.flush(queue, false);
      if (queue.waiting.length > 0) queue.timer ??= setTimeout(() => this.flush(queue, true), this.delayMs);
    });
  }

  /** Sends the waiting GETs in batches: all of them (`all`), or only batches that are full. */
  private flush(queue: { waiting: Waiting[]; timer?: NodeJS.Timeout }, all: boolean): void {
    if (all) {
      if (queue.timer) clearTimeout(queue.timer);
      queue.timer = undefined;
    }
    while (queue.waiting.length > 0) {
      const batch = this.nextBatch(queue.waiting);
      if (!all && batch.length < MAX_BATCH) {
        queue.waiting.unshift(...batch);
        return;
      }
      void this.send(batch);
    }
    if (queue.timer) clearTimeout(queue.timer);
    queue.timer = undefined;
  }

  /** Takes up to MAX_BATCH of `waiting` in order, leaving for a later batch what would pass a cap. */
  private nextBatch(waiting: Waiting[]): Waiting[] {
    const batch: Waiting[] = [];
    const left: Waiting[] = [];
    const counts = new Map<string, number>();
    for (const w of waiting) {
      const caps = batch.length < MAX_BATCH ? (this.sender.capOf?.(w.path) ?? []) : [];
      if (batch.length >= MAX_BATCH || caps.some((cap) => (counts.get(cap.key) ?? 0) >= cap.max)) {
        left.push(w);
        continue;
      }
      for (const cap of caps) counts.set(cap.key, (counts.get(cap.key) ?? 0) + 1);
      batch.push(w);
    }
    waiting.splice(0, waiting.length, ...left);
    return batch;
  }

  private async send(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!, 0);
    this.stats.batches++;
    this.stats.batched += batch.length;
    let answer: { responses: BatchResponse[]; envelope?: Response };
    try {
      answer = await this.sender.postBatch({ requests: batch.map((w, i) => ({ id: String(i + 1), method: 'GET', url: w.path })) });
    } catch {
      // The batch itself failed (after the transport's own retries): send each on its own.
      for (const w of batch) void this.alone(w, 0);
      return;
    }
    const byId = new Map(answer.responses.map((r) => [r.id, r]));
    batch.forEach((w, i) => {
      const r = byId.get(String(i + 1));
      if (!r) return void this.alone(w, 0);
      const headers = headerReaderOf(r.headers);
      this.sender.learn(w.path, r.status, headers, answer.envelope ? { envelope: answer.envelope, part: i } : undefined);
      if (r.status >= 200 && r.status < 300) return w.resolve(r.body);
      if (r.status === 429 || r.status === 503) {
        const wait = parseRetryAfter(headers.get('retry-after')) ?? realMs(1000);
        this.sender.throttled(w.path, wait);
        return void this.alone(w, wait);
      }
      if (r.status >= 500) return void this.alone(w, realMs(500));
      // Parsed and classified as a plain answer would be (retryable, conflict, not found ...).
      w.reject(serviceError(r.status, r.body));
    });
  }

  private alone(w: Waiting, afterMs: number): Promise<void> {
    return sendAgainAlone(this.stats, afterMs, () => this.sender.getAlone(w.path), w);
  }
}
