/**
 * A SharePoint REST `$batch` (sent with the requests it carries) is paced as those requests, and
 * its parts' budget headers are learned at each part's place in the sending order, as of when the
 * batch left: a part's answer older than what the pacer knows (an answer without headers to a
 * request sent after the batch) says nothing new, as a plain request's would not (without its
 * place, the benchmark's apply idled 25-30 simulated seconds more between windows, issue 12). A
 * spent window's reset is counted from the answer's arrival (window-end.ts): the service took the
 * parts after their batch left, so counted from the send, the next request could go early.
 * The sender is an in-memory one that answers the batch after 400 ms.
 */
import { expect, test } from 'vitest';
import { createTransport } from '../../src/tenant/transport.ts';
import { headerReaderOf } from '../../src/tenant/header-reader.ts';

const WEB = 'https://contoso.sharepoint.com/sites/a';
const GRAPH = 'https://graph.microsoft.com/v1.0';
const spent = headerReaderOf({ 'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' });

/** A transport whose batches are answered after 400 ms, everything else at once, without budget headers. */
function slowBatches(sent: string[] = []) {
  return createTransport({
    sender: async (url) => {
      sent.push(url);
      if (url.endsWith('$batch')) await new Promise((r) => setTimeout(r, 400));
      return new Response('', { status: 200 });
    },
  });
}

test("a part's spent window is waited for the whole announced second from its answer's arrival, though its batch left 400 ms before", async () => {
  const sent: string[] = [];
  const transport = slowBatches(sent);
  const carried = [0, 1, 2].map((i) => ({ method: 'POST', url: `${WEB}/_api/web/fields/createfieldasxml#${i}` }));
  const envelope = await transport.send(`${WEB}/_api/$batch`, { method: 'POST', body: 'parts' }, carried);
  const arrived = Date.now();
  transport.learn(carried[2]!.url, 200, spent, { envelope, part: 2 });
  await transport.send(`${WEB}/_api/web`, { method: 'GET' });
  expect(sent).toEqual([`${WEB}/_api/$batch`, `${WEB}/_api/web`]);
  expect(Date.now() - arrived).toBeGreaterThanOrEqual(950);
});

/**
 * A batch left, then a plain read; the read is answered without headers (under 80 % of the
 * window), then the batch's part says the window is spent. Returns how long the next request waited.
 */
async function waitAfterOlderPart(batchUrl: string, partUrl: string, readUrl: string, withinEnvelope: boolean): Promise<number> {
  const transport = slowBatches();
  // SharePoint's batch is sent with the calls it carries; Graph's JSON batch names them in its body
  const envelope = batchUrl.startsWith(GRAPH)
    ? transport.send(batchUrl, { method: 'POST', body: JSON.stringify({ requests: [1, 2].map((id) => ({ id: String(id), method: 'POST', url: partUrl.slice(GRAPH.length), body: {} })) }) })
    : transport.send(batchUrl, { method: 'POST', body: 'parts' }, [{ method: 'POST', url: partUrl }, { method: 'POST', url: partUrl }]);
  await new Promise((r) => setTimeout(r, 20));
  await transport.send(readUrl, { method: 'GET' });
  transport.learn(partUrl, 201, spent, withinEnvelope ? { envelope: await envelope, part: 1 } : undefined);
  const started = Date.now();
  await transport.send(readUrl, { method: 'GET' });
  return Date.now() - started;
}

test("a SharePoint batch's part older than an answer without headers says nothing new: the next request goes at once", async () => {
  expect(await waitAfterOlderPart(`${WEB}/_api/$batch`, `${WEB}/_api/web/fields/createfieldasxml`, `${WEB}/_api/web`, true)).toBeLessThan(300);
});

test('without its envelope the part cannot be placed: taken as news, the next request waits for the reset', async () => {
  expect(await waitAfterOlderPart(`${WEB}/_api/$batch`, `${WEB}/_api/web/fields/createfieldasxml`, `${WEB}/_api/web`, false)).toBeGreaterThanOrEqual(950);
});

test("a Graph $batch's sub-answer on SharePoint's budget is placed as of its batch too", async () => {
  expect(await waitAfterOlderPart(`${GRAPH}/$batch`, `${GRAPH}/sites/s1/lists`, `${GRAPH}/sites/s1`, true)).toBeLessThan(300);
});

test('a batch is charged to the 24-hour account as the writes it carries', async () => {
  const transport = createTransport({ sender: async () => new Response('', { status: 200 }) });
  const carried = Array.from({ length: 6 }, () => ({ method: 'POST', url: `${WEB}/_api/web/fields/createfieldasxml` }));
  await transport.send(`${WEB}/_api/$batch`, { method: 'POST', body: 'parts' }, carried);
  // the 24-hour account is charged the expected units of the six writes (3 each), not one request's
  expect(transport.dayBudget()?.charged).toBeCloseTo(18, 5);
});
