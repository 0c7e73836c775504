/**
 * A `Response` whose body is already in memory (the transport reads every answer whole, within
 * its deadline). It is a real `Response` (status, headers, `ok`, `instanceof Response`) whose
 * body methods read the bytes directly instead of through a web stream: constructing a Response
 * over bytes builds a ReadableStream, and reading it back goes through the stream again, which
 * cost more CPU than parsing the JSON itself for the engine's small answers
 * (scripts/bench-transport.ts). The body can be read once, as with any Response (`bodyUsed`,
 * then a TypeError); `clone()` gives another such Response; `body` gives a stream over the
 * bytes when a caller wants one.
 */
export function completeResponse(bytes: Buffer, init: ResponseInit): Response {
  return new CompleteResponse(bytes, init) as unknown as Response;
}

/** `Response`, typed as a plain base class: TypeScript's lib types its methods as properties, which a subclass may not override. */
const ResponseBase = Response as unknown as new (body: null, init: ResponseInit) => { readonly status: number; readonly statusText: string; readonly headers: Headers };

class CompleteResponse extends ResponseBase {
  readonly #bytes: Buffer;
  #used = false;
  #stream: ReadableStream<Uint8Array> | undefined;

  constructor(bytes: Buffer, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /**
   * A stream over the bytes, made when first asked for (the same one each time). Asking for it
   * does not use the body (as with any Response); reading the stream is not tracked in
   * `bodyUsed` (no caller of the engine reads both).
   */
  get body(): ReadableStream<Uint8Array> {
    this.#stream ??= new Response(this.#bytes).body!;
    return this.#stream;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(this.#take());
  }

  async text(): Promise<string> {
    return utf8(this.#take());
  }

  async json(): Promise<unknown> {
    return JSON.parse(utf8(this.#take()));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async blob(): Promise<Blob> {
    return new Blob([this.#take()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    return new Response(this.#take(), { headers: this.headers }).formData();
  }

  clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return completeResponse(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
  }

  #take(): Buffer {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes;
  }
}

/** UTF-8 decoding as a Response's `text()` does it: a leading byte order mark is dropped. */
function utf8(bytes: Buffer): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', bom ? 3 : 0);
}
