/**
 * The per-endpoint windows' waiting room (issue 12): acquires that do not fit wait in arrival
 * order per window, woken by one timer. Checked with real timers on a fast engine clock: every
 * window's limit holds at all times, a batch that needs many slots of a window is not starved by
 * single calls arriving after it, and a call waiting on one team's window holds up no other team.
 */
import { afterEach, expect, test } from 'vitest';
import { EndpointLimits } from '../../src/tenant/endpoint-limits.ts';
import { setEngineTimeScale } from '../../src/time/engine-time.ts';

afterEach(() => setEngineTimeScale(1));

const read = (team: number) => ({ method: 'GET', url: `https://graph.microsoft.com/v1.0/teams/team-${team}` });
const addMember = (team: number) => ({ method: 'POST', url: `https://graph.microsoft.com/v1.0/teams/team-${team}/members` });

test('120 single reads of 120 teams at once: all go, 30 a window: the 31st, 61st and 91st a window later each', async () => {
  setEngineTimeScale(10); // a second's window lasts 110 ms real
  const limits = new EndpointLimits();
  const granted: number[] = [];
  const started = Date.now();
  await Promise.all(Array.from({ length: 120 }, (_, t) => limits.acquire([read(t)]).then(() => granted.push(Date.now() - started))));
  expect(granted).toHaveLength(120);
  granted.sort((a, b) => a - b);
  // the (30k+1)-th grant comes k windows after the start at the earliest (110 ms each; 100
  // allows for a timer firing a millisecond early); grants are noted when the caller resumes,
  // never before the slot was taken
  for (const k of [1, 2, 3]) expect(granted[30 * k]).toBeGreaterThanOrEqual(k * 100);
  // and no later than needed: one timer, not polls that drift
  expect(granted[119]).toBeLessThan(3 * 110 + 150);
  expect(limits.waiters).toBe(0);
});

test('a batch of 20 team reads is not starved by a stream of single reads', async () => {
  setEngineTimeScale(10); // the 30-a-second window lasts 110 ms real
  const limits = new EndpointLimits();
  const stream: Promise<void>[] = [];
  // single reads of distinct teams, one every 4 ms for 600 ms: about 27 a window, so a few
  // slots are always free for a single read, never 20 at once unless the window is held
  const started = Date.now();
  let batchAt = 0;
  let batchGranted = 0;
  for (let t = 0; Date.now() - started < 600; t++) {
    stream.push(limits.acquire([read(1_000 + t)]));
    if (batchAt === 0 && Date.now() - started >= 100) {
      batchAt = Date.now() - started;
      stream.push(limits.acquire(Array.from({ length: 20 }, (_, i) => read(i))).then(() => void (batchGranted = Date.now() - started)));
    }
    await new Promise((r) => setTimeout(r, 4));
  }
  await Promise.all(stream);
  expect(batchGranted).toBeGreaterThan(0);
  // it went within about a window of asking, while the stream still ran
  expect(batchGranted - batchAt).toBeLessThan(2 * 110 + 50);
  expect(batchGranted).toBeLessThan(600);
});

test("a member addition waiting for its team's minute does not hold up other teams", async () => {
  setEngineTimeScale(100); // the 66 s engine minute lasts 660 ms real
  const limits = new EndpointLimits();
  for (let i = 0; i < 4; i++) await limits.acquire([addMember(1)]);
  let fifthDone = false;
  const fifth = limits.acquire([addMember(1)]).then(() => (fifthDone = true));
  expect(limits.waiters).toBe(1);
  const started = Date.now();
  // another team's reads and member additions go while team 1's fifth addition waits
  await Promise.all([limits.acquire([read(2)]), limits.acquire([addMember(2)]), limits.acquire([read(3)])]);
  expect(Date.now() - started).toBeLessThan(200);
  expect(fifthDone).toBe(false);
  await fifth;
  expect(Date.now() - started).toBeGreaterThan(400);
});

test("listing teams' channels and members has a window of its own, 60 a second, beside the other Teams calls' 30", async () => {
  setEngineTimeScale(10); // a second's window lasts 110 ms real
  const limits = new EndpointLimits();
  const list = (team: number, what: string) => ({ method: 'GET', url: `https://graph.microsoft.com/v1.0/teams/team-${team}/${what}?$select=id` });
  const granted: number[] = [];
  const started = Date.now();
  const note = () => granted.push(Date.now() - started);
  // 120 listings of 120 teams (channels, members, a channel's members), and 30 reads of teams
  const listings = Array.from({ length: 120 }, (_, t) => limits.acquire([list(t, ['channels', 'members', 'channels/c1/members'][t % 3]!)]).then(note));
  const reads = Array.from({ length: 30 }, (_, t) => limits.acquire([read(500 + t)]).then(() => Date.now() - started));
  const readsAt = await Promise.all(reads);
  await Promise.all(listings);
  granted.sort((a, b) => a - b);
  // 60 listings in the first window, the 61st a window later; the reads of teams took none of their slots
  expect(granted[59]).toBeLessThan(100);
  expect(granted[60]).toBeGreaterThanOrEqual(100);
  expect(Math.max(...readsAt)).toBeLessThan(100);
  // a channel's messages or tabs are no listing of the row: the other calls' window
  const other = new EndpointLimits();
  for (let t = 0; t < 30; t++) await other.acquire([{ method: 'GET', url: `https://graph.microsoft.com/v1.0/teams/team-${t}/channels/c1/tabs` }]);
  void other.acquire([read(99)]);
  expect(other.waiters).toBe(1);
});
