/**
 * A SharePoint REST `$batch` (sent with the requests it carries) is paced as those requests, and
 * its parts' budget headers are learned as of when the batch left and at each part's place in
 * the sending order: a part's spent window makes the next request wait what is left of it, not a
 * whole window counted from the batch's arrival (the benchmark's apply idled 25-30 simulated
 * seconds more between windows when the parts were learned without their send time, issue 12).
 * The sender is an in-memory one that answers the batch after 400 ms, as pacer-reset.test.ts measures the pacer.
 */
import { expect, test } from 'vitest';
import { createTransport } from '../../src/tenant/transport.ts';
import { headerReaderOf } from '../../src/tenant/header-reader.ts';

const WEB = 'https://contoso.sharepoint.com/sites/a';
const spent = headerReaderOf({ 'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' });

async function waitAfterSpentPart(withinEnvelope: boolean): Promise<number> {
  const sent: string[] = [];
  const transport = createTransport({
    sender: async (url) => {
      sent.push(url);
      // the batch is answered 400 ms after it left; the next request at once (its wait is the pacer's)
      if (url.endsWith('$batch')) await new Promise((r) => setTimeout(r, 400));
      return new Response('', { status: 200 });
    },
  });
  const carried = [0, 1, 2].map((i) => ({ method: 'POST', url: `${WEB}/_api/web/fields/createfieldasxml#${i}` }));
  const envelope = await transport.send(`${WEB}/_api/$batch`, { method: 'POST', body: 'parts' }, carried);
  const arrived = Date.now();
  transport.learn(carried[2]!.url, 200, spent, withinEnvelope ? { envelope, part: 2 } : undefined);
  await transport.send(`${WEB}/_api/web`, { method: 'GET' });
  expect(sent).toEqual([`${WEB}/_api/$batch`, `${WEB}/_api/web`]);
  return Date.now() - arrived;
}

test("a part's spent window is counted from when its batch left", async () => {
  const waited = await waitAfterSpentPart(true);
  expect(waited).toBeGreaterThanOrEqual(550);
  expect(waited).toBeLessThan(850);
});

test('without its envelope, the wait is the whole announced second', async () => {
  expect(await waitAfterSpentPart(false)).toBeGreaterThanOrEqual(950);
});

test("a batch is charged to the 24-hour account as the writes it carries", async () => {
  const transport = createTransport({ sender: async () => new Response('', { status: 200 }) });
  const carried = Array.from({ length: 6 }, () => ({ method: 'POST', url: `${WEB}/_api/web/fields/createfieldasxml` }));
  await transport.send(`${WEB}/_api/$batch`, { method: 'POST', body: 'parts' }, carried);
  // the 24-hour account is charged the expected units of the six writes (3 each), not one request's
  expect(transport.dayBudget()?.charged).toBeCloseTo(18, 5);
});

test("a Graph $batch's sub-answer on SharePoint's budget is counted from when its batch left too", async () => {
  const GRAPH = 'https://graph.microsoft.com/v1.0';
  const transport = createTransport({
    sender: async (url) => {
      if (url.endsWith('$batch')) await new Promise((r) => setTimeout(r, 400));
      return new Response('', { status: 200 });
    },
  });
  const requests = [0, 1, 2].map((i) => ({ id: String(i + 1), method: 'POST', url: `/sites/s${i}/lists`, body: {} }));
  const envelope = await transport.send(`${GRAPH}/$batch`, { method: 'POST', body: JSON.stringify({ requests }) });
  const arrived = Date.now();
  transport.learn(`${GRAPH}/sites/s1/lists`, 201, spent, { envelope, part: 1 });
  await transport.send(`${GRAPH}/sites/s1`, { method: 'GET' });
  const waited = Date.now() - arrived;
  expect(waited).toBeGreaterThanOrEqual(550);
  expect(waited).toBeLessThan(850);
});
