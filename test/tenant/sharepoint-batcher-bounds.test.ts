/**
 * The SharePoint batcher's bounds with an in-memory sender (the wire and the tenant are
 * sharepoint-batch.test.ts's): a batch carries at most MAX_BYTES of writes, so a write that would
 * pass it sends the batch first; a write larger than the bound goes alone.
 */
import { expect, test } from 'vitest';
import { MAX_BYTES, SharePointBatcher, type CarriedCall } from '../../src/tenant/sharepoint-batcher.ts';

const WEB = 'https://contoso.sharepoint.com/sites/bounds';

test('writes past MAX_BYTES split into batches under it; a write above it goes alone', async () => {
  const sent: { url: string; carried?: number; bytes: number }[] = [];
  const batcher = new SharePointBatcher({
    send: async (url: string, init: RequestInit, carried?: readonly CarriedCall[]) => {
      sent.push({ url, carried: carried?.length, bytes: String(init.body ?? '').length });
      if (!carried) return new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } });
      const boundary = 'batchresponse_t';
      const parts = carried.map(() => `--${boundary}\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 201 Created\r\nCONTENT-TYPE: application/json\r\n\r\n{}\r\n`).join('');
      return new Response(`${parts}--${boundary}--\r\n`, { status: 200, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` } });
    },
    learn: () => {},
    pause: () => {},
  });
  const write = (kb: number) => batcher.send(`${WEB}/_api/web/lists`, { method: 'POST', headers: { Authorization: 'Bearer t' }, body: JSON.stringify({ Title: 'x'.repeat(kb * 1024) }) });
  // five writes of 200 KB: two fit under 512 KB, the third would pass it
  const answers = await Promise.all([write(200), write(200), write(200), write(200), write(200), write(600)]);
  expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
  expect(sent.filter((s) => s.carried).map((s) => s.carried)).toEqual([2, 2]);
  expect(sent.every((s) => !s.carried || s.bytes <= MAX_BYTES + 4096)).toBe(true);
  // the fifth is alone (nothing joined it), and the 600 KB one never waited for company
  const alone = sent.filter((s) => !s.carried).map((s) => Math.round(s.bytes / 1024));
  expect(alone.sort((a, b) => a - b)).toEqual([200, 600]);
});
