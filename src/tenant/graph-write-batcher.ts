/**
 * Coalesces Graph writes on SharePoint resources (`/sites/...`: a site's lists, its content types'
 * column links, list items) into JSON `$batch` requests of at most 20 (issue 12: a workspace's
 * seven such writes went as seven HTTP requests). A write waits a few milliseconds for company;
 * the batch goes through the same transport (pacing as the writes it carries, Retry-After).
 * Reads have their own batcher (graph-batcher.ts); a batch carries writes only.
 *
 * Never create twice (architecture decision 9) holds write by write, as for a lone write:
 * - the batch got no answer, or an answer that may follow a commit (a 5xx, a broken connection,
 *   the deadline): every POST in it gets that error as ambiguous (looked up by its natural key,
 *   never sent again); a PATCH (idempotent) goes again alone;
 * - the batch was refused as a whole otherwise (400, 401, 403, 429 after the transport's
 *   retries): every write gets that error, as it would have got it alone;
 * - a write answered 429 (or 503 with a Retry-After: throttle-answer.ts) was not run: the pool
 *   waits its Retry-After and it goes again alone; a
 *   PATCH answered 5xx goes again alone; any other answer is the write's own;
 * - a write the answer does not account for: as if the batch had got no answer.
 */
import { isAmbiguous, TenantError } from '../model/tenant-error.ts';
import { serviceError } from './service-error.ts';
import { parseRetryAfter } from './retry-after.ts';
import { isThrottleAnswer } from './throttle-answer.ts';
import { realMs } from '../time/engine-time.ts';
import { sendAgainAlone } from './batch-alone.ts';
import { headerReaderOf, type HeaderReader } from './header-reader.ts';
import { MAX_BATCH, type BatcherStats } from './graph-batcher.ts';

/** A write a batch may carry. */
export type BatchedWriteMethod = 'POST' | 'PATCH';

interface WriteRequest {
  id: string;
  method: BatchedWriteMethod;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

interface WriteAnswer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** How the write batcher sends: one `$batch` POST, and a write alone. */
export interface WriteBatchSender {
  /** `envelope`: the batch's own answer, by which the transport knows when its writes left. */
  postBatch(body: { requests: WriteRequest[] }): Promise<{ responses: WriteAnswer[]; envelope?: Response }>;
  sendAlone<T>(method: BatchedWriteMethod, path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  /** A write was throttled: the budget it spends must wait `ms` for everyone. */
  throttled(path: string, ms: number): void;
  /** A write's status and headers, for the pacer to learn from (`within`: its envelope and place). */
  learn(path: string, status: number, headers: HeaderReader, within?: { envelope: Response; part: number }): void;
  /** The throttling scope `path` spends: a batch holds one scope only, so that it is paced as one. */
  scopeOf(path: string): string;
}

interface Waiting {
  method: BatchedWriteMethod;
  path: string;
  body: unknown;
  headers?: Record<string, string>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Whether a Graph write may go in a batch: one on a SharePoint resource, not a batch itself. */
export function batchableGraphWrite(path: string): boolean {
  return /^\/sites\//i.test(path) && !path.includes('$batch');
}

export class GraphWriteBatcher {
  readonly stats: BatcherStats = { batches: 0, batched: 0, retriedAlone: 0 };
  private readonly queues = new Map<string, { waiting: Waiting[]; timer?: NodeJS.Timeout }>();

  constructor(
    private readonly sender: WriteBatchSender,
    private readonly delayMs = 4,
  ) {}

  write<T>(method: BatchedWriteMethod, path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
    const scope = this.sender.scopeOf(path);
    let q = this.queues.get(scope);
    if (!q) this.queues.set(scope, (q = { waiting: [] }));
    const queue = q;
    return new Promise<T>((resolve, reject) => {
      queue.waiting.push({ method, path, body, headers, resolve: resolve as (v: unknown) => void, reject });
      if (queue.waiting.length >= MAX_BATCH) this.flush(scope, queue);
      else queue.timer ??= setTimeout(() => this.flush(scope, queue), this.delayMs);
    });
  }

  private flush(scope: string, queue: { waiting: Waiting[]; timer?: NodeJS.Timeout }): void {
    if (queue.timer) clearTimeout(queue.timer);
    queue.timer = undefined;
    const batch = queue.waiting;
    queue.waiting = [];
    if (this.queues.get(scope) === queue) this.queues.delete(scope);
    if (batch.length === 1) void this.alone(batch[0]!, 0);
    else if (batch.length > 1) void this.send(batch);
  }

  private async send(batch: Waiting[]): Promise<void> {
    this.stats.batches++;
    this.stats.batched += batch.length;
    let answer: { responses: WriteAnswer[]; envelope?: Response };
    try {
      answer = await this.sender.postBatch({
        requests: batch.map((w, i) => ({ id: String(i + 1), method: w.method, url: w.path, headers: { 'Content-Type': 'application/json', ...w.headers }, body: w.body })),
      });
    } catch (error) {
      // An ambiguous failure (no answer, a 5xx) is each POST's own; a PATCH may go again.
      const again = isAmbiguous(error);
      for (const w of batch) {
        if (again && w.method === 'PATCH') void this.alone(w, realMs(500));
        else w.reject(error);
      }
      return;
    }
    const byId = new Map((answer.responses ?? []).map((r) => [r.id, r]));
    batch.forEach((w, i) => {
      const r = byId.get(String(i + 1));
      if (!r) {
        if (w.method === 'PATCH') return void this.alone(w, realMs(500));
        return w.reject(new TenantError(0, 'batchAnswerMissing', `${w.method} ${w.path}: the $batch's answer holds none for it`, true, true));
      }
      const headers = headerReaderOf(r.headers);
      this.sender.learn(w.path, r.status, headers, answer.envelope ? { envelope: answer.envelope, part: i } : undefined);
      if (r.status >= 200 && r.status < 300) return w.resolve(r.body);
      if (isThrottleAnswer(r.status, headers.get('retry-after'))) {
        const wait = parseRetryAfter(headers.get('retry-after')) ?? realMs(1000);
        this.sender.throttled(w.path, wait);
        return void this.alone(w, wait);
      }
      if (r.status >= 500 && w.method === 'PATCH') return void this.alone(w, realMs(500));
      // Parsed and classified as a lone answer would be (a POST's 5xx is ambiguous, a 409 a conflict ...).
      w.reject(serviceError(r.status, r.body));
    });
  }

  private alone(w: Waiting, afterMs: number): Promise<void> {
    return sendAgainAlone(this.stats, afterMs, () => this.sender.sendAlone(w.method, w.path, w.body, w.headers), w);
  }
}
