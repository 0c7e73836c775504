/**
 * Coalesces SharePoint REST writes to one web into `$batch` requests (issue 12: a workspace's
 * site columns, content types, libraries and role assignments went as a dozen requests, each
 * costing the engine what the HTTP round trip costs; inside one `$batch` a write costs about half).
 * A write waits a few milliseconds for company on its web; the batch goes through the same
 * transport as everything else, priced as the writes it carries (the service counts a `$batch`'s
 * requests one by one). SharePoint's rules: one site's URLs only, at most 100 requests and 1 MB a
 * batch (this sends at most MAX_PARTS and MAX_BYTES), no atomicity (each write stands alone).
 *
 * Never create twice (architecture decision 9) holds part by part, as it does for a lone write:
 * - the batch got no answer (deadline, broken connection): every POST in it is ambiguous and is
 *   handed that error, never sent again (its caller looks the object up by its natural key); an
 *   idempotent write (MERGE, PUT, PATCH, DELETE) is sent again alone;
 * - the batch was refused as a whole (any status but 200): every part gets that answer, as it
 *   would have got it alone (idempotent writes answered 5xx are sent again alone);
 * - a part answered 429, or 503 with a Retry-After (throttle-answer.ts), was not run: the pool
 *   waits its Retry-After and the part goes again alone; a part answered another passing failure
 *   (passing-answer.ts: a 503 without one, a 500 that is no refusal, 502, 504) goes again alone
 *   if idempotent (a read a passing 504 met was not read again, and its resource showed as
 *   unreadable in the plan), else it is its answer;
 * - a part the answer does not account for: as if the batch had got no answer.
 * Reads of one web are batched too (a plan of a rich template read up to nine things a site, one
 * request each): GET parts go at the batch's top level, writes in changesets (OData v3), in the
 * order they came; a read is idempotent, so a read whose batch got no answer goes again alone.
 * A request alone in its window goes plain (a plan of the benchmark's workspace reads one thing a
 * web: it waits the window's few milliseconds, then goes as before).
 */
import { isThrottleAnswer } from './throttle-answer.ts';
import { isPassingAnswer } from './passing-answer.ts';
import { isMarkedReadOnly } from './read-only-post.ts';
import { TenantError } from '../model/tenant-error.ts';
import { parseRetryAfter } from './retry-after.ts';
import { realMs } from '../time/engine-time.ts';
import { sendAgainAlone } from './batch-alone.ts';
import { headerReaderOf, type HeaderReader } from './header-reader.ts';
import { batchEnvelope, partOf, plainHeaders, readBatchAnswer, type BatchPart, type PartAnswer } from './sharepoint-batch-wire.ts';

/** A request a `$batch` carries, as the transport prices it. */
export interface CarriedCall {
  method: string;
  url: string;
}

/** How the batcher sends: the transport's own send, and what it learns from the parts' answers. */
export interface SharePointBatchSender {
  /** Sends one request; `carried`: the calls a `$batch` carries, for pacing. */
  send(url: string, init: RequestInit, carried?: readonly CarriedCall[]): Promise<Response>;
  /** A part's status and headers, for the pacer to learn from (`within`: its envelope and place). */
  learn(url: string, status: number, headers: HeaderReader, within?: { envelope: Response; part: number }): void;
  /** A part was throttled: the budget it spends waits `ms` for everyone. */
  pause(url: string, ms: number): void;
}

/** The most writes one `$batch` carries (SharePoint allows 100). */
export const MAX_PARTS = 20;
/** The most bytes of parts one `$batch` carries (SharePoint refuses a batch above 1 MB). */
export const MAX_BYTES = 512 * 1024;

export interface SharePointBatchStats {
  /** `$batch` requests sent. */
  batches: number;
  /** Writes that went in them. */
  batched: number;
  /** Writes sent again alone (throttled parts, idempotent writes of a failed batch). */
  retriedAlone: number;
}

interface Waiting {
  url: string;
  init: RequestInit;
  /** The write's Authorization header: the batch goes with its first write's. */
  authorization?: string;
  part: BatchPart;
  bytes: number;
  idempotent: boolean;
  resolve(response: Response): void;
  reject(error: unknown): void;
}

interface Queue {
  waiting: Waiting[];
  bytes: number;
  timer?: NodeJS.Timeout;
}

/**
 * The web a request may be batched on (`https://host/sites/x`), or undefined when it goes alone: a
 * write (POST) to the web's `_api/web`, or a read (GET, no body) of its `_api/web` or `_api/site`
 * (a plan reads a site's regional settings, time zone, groups, lists, a library's root folder and
 * views: up to nine requests a site of a rich template). A read of a file's bytes goes alone: a
 * part's body is text.
 */
export function batchableWeb(url: string, init: RequestInit): string | undefined {
  const method = (init.method ?? 'GET').toUpperCase();
  if (method === 'GET') {
    if (init.body !== undefined && init.body !== null) return undefined;
    if (/\/\$value(?:[/?#]|$)|\/openbinarystream/i.test(url)) return undefined;
    const m = /^(https:\/\/[^/?#]+(?:\/[^?#]*?)?)\/_api\/(?:web|site)(?:[/(?]|$)/i.exec(url);
    return m ? m[1] : undefined;
  }
  if (method !== 'POST') return undefined;
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') return undefined;
  const m = /^(https:\/\/[^/?#]+(?:\/[^?#]*?)?)\/_api\/web(?:[/(?]|$)/i.exec(url);
  return m ? m[1] : undefined;
}

export class SharePointBatcher {
  readonly stats: SharePointBatchStats = { batches: 0, batched: 0, retriedAlone: 0 };
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly sender: SharePointBatchSender,
    private readonly delayMs = 4,
  ) {}

  /** Sends `url` as the transport would, in a `$batch` with other writes to its web when it can. */
  send(url: string, init: RequestInit): Promise<Response> {
    const web = batchableWeb(url, init);
    if (!web) return this.sender.send(url, init);
    const headers = plainHeaders(init.headers);
    const body = init.body as string | undefined;
    const part = partOf(url, (init.method ?? 'GET').toUpperCase(), headers, body ?? undefined);
    const bytes = url.length + (body?.length ?? 0) + 200;
    if (bytes > MAX_BYTES) return this.sender.send(url, init);
    let q = this.queues.get(web);
    // a write that would take the batch past its bytes sends the batch first, and starts the next
    if (q && q.bytes + bytes > MAX_BYTES) {
      this.flush(web, q);
      q = undefined;
    }
    if (!q) this.queues.set(web, (q = { waiting: [], bytes: 0 }));
    const queue = q;
    return new Promise<Response>((resolve, reject) => {
      const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
      queue.waiting.push({ url, init, authorization, part, bytes, idempotent: part.method !== 'POST' || isMarkedReadOnly(init), resolve, reject });
      queue.bytes += bytes;
      if (queue.waiting.length >= MAX_PARTS) this.flush(web, queue);
      else queue.timer ??= setTimeout(() => this.flush(web, queue), this.delayMs);
    });
  }

  private flush(web: string, q: Queue): void {
    if (q.timer) clearTimeout(q.timer);
    q.timer = undefined;
    const batch = q.waiting;
    q.waiting = [];
    q.bytes = 0;
    if (this.queues.get(web) === q) this.queues.delete(web);
    if (batch.length === 0) return;
    if (batch.length === 1) return void this.alone(batch[0]!, 0);
    void this.sendBatch(web, batch);
  }

  private async sendBatch(web: string, batch: Waiting[]): Promise<void> {
    this.stats.batches++;
    this.stats.batched += batch.length;
    const { body, contentType } = batchEnvelope(batch.map((w) => w.part));
    const authorization = batch[0]!.authorization;
    const init: RequestInit = {
      method: 'POST',
      headers: { ...(authorization ? { Authorization: authorization } : {}), Accept: 'application/json', 'Content-Type': contentType },
      body,
    };
    let envelope: Response;
    let text: string;
    try {
      envelope = await this.sender.send(`${web}/_api/$batch`, init, batch.map((w) => ({ method: w.part.method, url: w.url })));
      text = await envelope.text();
    } catch (error) {
      return this.noAnswer(batch, error);
    }
    if (envelope.status !== 200) {
      for (const w of batch) {
        if (w.idempotent && envelope.status >= 500) void this.alone(w, realMs(500));
        else w.resolve(new Response(text, { status: envelope.status, statusText: envelope.statusText, headers: copiedHeaders(envelope.headers) }));
      }
      return;
    }
    const answers = readBatchAnswer(text, envelope.headers.get('content-type'));
    batch.forEach((w, i) => {
      const answer = answers?.[i];
      if (!answer) return this.noAnswer([w], new TenantError(0, 'batchAnswerMissing', `POST ${web}/_api/$batch: its answer holds no part for request ${i + 1} of ${batch.length}`, true, true));
      this.settle(w, answer, { envelope, part: i });
    });
  }

  private settle(w: Waiting, answer: PartAnswer, within: { envelope: Response; part: number }): void {
    const headers = headerReaderOf(answer.headers);
    this.sender.learn(w.url, answer.status, headers, within);
    if (isThrottleAnswer(answer.status, headers.get('retry-after')) || (answer.status === 503 && w.idempotent)) {
      const wait = parseRetryAfter(headers.get('retry-after')) ?? realMs(1000);
      this.sender.pause(w.url, wait);
      return void this.alone(w, wait);
    }
    // a passing failure of a read or an idempotent write: sent again alone, as the transport sends it again alone
    if (w.idempotent && isPassingAnswer(answer.status, answer.body)) return void this.alone(w, realMs(500));
    w.resolve(new Response(answer.status === 204 ? null : answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers }));
  }

  /**
   * No answer says what became of `batch`: idempotent writes go again alone, POSTs get the error
   * (ambiguous: the transport's for a POST that got no answer, or the missing part's).
   */
  private noAnswer(batch: Waiting[], error: unknown): void {
    for (const w of batch) {
      if (w.idempotent) void this.alone(w, realMs(500));
      else w.reject(error);
    }
  }

  private alone(w: Waiting, afterMs: number): Promise<void> {
    return sendAgainAlone(this.stats, afterMs, () => this.sender.send(w.url, w.init), w);
  }
}

/** The headers of a refused batch that its parts' answers carry (what the SDK and the error parser read). */
function copiedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['content-type', 'retry-after']) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}
