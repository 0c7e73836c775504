/**
 * One HTTP exchange on the global dispatcher (the one `reroute.ts` installs), its answer's body
 * collected whole as bytes by a plain handler: no body stream, no async resource, no listener
 * objects per answer, which undici's `request` makes for each (issue 12: the engine reads the
 * answers whole anyway). The abort signal covers the whole exchange, the body included.
 */
import { getGlobalDispatcher, type Dispatcher } from 'undici';

/** A complete answer: status, headers as undici's `request` gives them (lower-case names, repeats as arrays), the body's bytes. */
export interface WholeAnswer {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Sends `method url` with `headers` and `body`, and gives the whole answer, or rejects with the signal's reason or the connection's error. */
export function dispatchOnce(url: string, method: string, headers: Record<string, string>, body: string | Uint8Array | undefined, signal: AbortSignal | undefined): Promise<WholeAnswer> {
  let origin: string;
  let path: string;
  // A URL with a character that WHATWG URL would encode or read otherwise (a space, a quote,
  // `<>{}` and backquote, `#`, a backslash, anything past ASCII) goes through URL, as `request` sends every URL.
  if (/[^\x21-\x7e]|["'<>`{}#\\]/.test(url)) {
    const u = new URL(url);
    origin = u.origin;
    path = `${u.pathname}${u.search}`;
  } else {
    const slash = url.indexOf('/', url.indexOf('//') + 2);
    origin = slash < 0 ? url : url.slice(0, slash);
    path = slash < 0 ? '/' : url.slice(slash);
  }
  return new Promise<WholeAnswer>((resolve, reject) => {
    let abort: ((reason?: Error) => void) | undefined;
    let settled = false;
    let statusCode = 0;
    let answerHeaders: Record<string, string | string[]> = {};
    const chunks: Buffer[] = [];
    const reasonOf = () => (signal?.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError'));
    const onAbort = () => abort?.(reasonOf());
    const finish = (error: unknown, answer?: WholeAnswer) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (answer) resolve(answer);
      else reject(error);
    };
    if (signal?.aborted) return reject(reasonOf());
    signal?.addEventListener('abort', onAbort, { once: true });
    const handler = {
      onConnect(a: (reason?: Error) => void) {
        abort = a;
        if (signal?.aborted) a(reasonOf());
      },
      onHeaders(status: number, raw: Buffer[]) {
        if (status < 200) return true;
        statusCode = status;
        answerHeaders = headersOf(raw);
        return true;
      },
      onData(chunk: Buffer) {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        finish(undefined, { statusCode, headers: answerHeaders, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
      },
      onError(error: Error) {
        finish(error);
      },
    };
    getGlobalDispatcher().dispatch({ origin, path, method: method as Dispatcher.HttpMethod, headers, body }, handler as unknown as Dispatcher.DispatchHandler);
  });
}

/** Raw header pairs as undici's `request` parses them. */
function headersOf(raw: Buffer[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('utf8');
    const had = out[name];
    if (had === undefined) out[name] = value;
    else if (typeof had === 'string') out[name] = [had, value];
    else had.push(value);
  }
  return out;
}
