/**
 * Kill -9 many applies, each at a point chosen from its own journal, and check that every run
 * after them converges with nothing made twice and everything owned: the script form of
 * test/e2e/kill-resume.test.ts. Kills are grouped in rounds; each round has a fresh local
 * tenant served by `provision emulator start` in its own process and aims its kills in turn
 * before the first change, with work in flight, and mid-create of a site, a list and a team
 * (scripts/kill-resume/). A round ends with an apply to the end, an empty plan and the tenant
 * checked: one group per mailNickname, one site per URL, one list per URL, one team per group,
 * no stray group, and an ownership ledger that owns every object the runs created, each record
 * holding its object's id (none left an intent).
 *
 *   npx tsx scripts/kill-resume.ts [--kills 100] [--per-round 5] [--workspaces 8] [--seed 1]
 *
 * Exit 0 only when every kill landed inside an apply with its aimed work in flight, every round
 * converged, and the tenant had no duplicate, nothing missing, nothing unowned and no record left
 * an intent.
 */
import { KILL_POINTS, seeded, type KillOutcome } from './kill-resume/kill-apply.ts';
import { roundPassed, runRound, type RoundResult } from './kill-resume/round.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a whole number above 0`);
  return n;
}

const kills = arg('kills', 100);
const perRound = arg('per-round', KILL_POINTS.length);
const workspaces = arg('workspaces', 8);
const seed = arg('seed', 1);
const random = seeded(seed);
const started = Date.now();
const rounds: RoundResult[] = [];
let done = 0;
while (done < kills) {
  const round = await runRound({ workspaces, kills: Math.min(perRound, kills - done), random });
  rounds.push(round);
  done += round.kills.length;
  const f = round.findings;
  console.log(
    `round ${rounds.length}: ${round.kills.length} kills (${round.kills.filter((k) => k.landed && k.onTarget).length} on target), ` +
      `final apply exit ${round.finalExit}, plan exit ${round.planExit}, duplicates ${f.duplicates.length}, missing ${f.missing.length}, ` +
      `unowned ${f.unowned.length}/${f.ledgerChecked}, still intents ${f.unsettled.length}, ${(round.ms / 1000).toFixed(0)} s${roundPassed(round) ? '' : `  FAILED (kept in ${round.cwd})`}`,
  );
  for (const k of round.kills.filter((k) => !(k.landed && k.onTarget))) console.log(`  kill aimed ${k.aimed}: ${k.why}`);
  for (const d of [...f.duplicates, ...f.missing].slice(0, 10)) console.log(`  ${d}`);
  if (f.unowned.length > 0) {
    console.log(`  unowned (${round.unownedFromFinal} of them created by the final, unkilled apply): ${f.unowned.slice(0, 8).join(', ')}${f.unowned.length > 8 ? `, … (${f.unowned.length})` : ''}`);
  }
  if (f.unsettled.length > 0) console.log(`  records still intents: ${f.unsettled.slice(0, 8).join(', ')}${f.unsettled.length > 8 ? `, … (${f.unsettled.length})` : ''}`);
  console.log(`  kill points: ${round.kills.map((k) => `${k.point ?? k.aimed}${k.landed && k.onTarget ? '' : ' (missed)'} [${k.inFlight.length} in flight]`).join(', ')}`);
  if (round.finalExit !== 0) console.log(round.finalOutput.replace(/^/gm, '  | '));
  if (round.kills.length === 0) throw new Error('a round had nothing to kill: its first apply found nothing to do');
}

const all: KillOutcome[] = rounds.flatMap((r) => r.kills);
const byPoint = KILL_POINTS.map((p) => {
  const at = all.filter((k) => k.point === p);
  return `${p} ${at.filter((k) => k.landed && k.onTarget).length}/${at.length}`;
}).join(', ');
const inFlight = all.map((k) => k.inFlight.length).sort((a, b) => a - b);
const sum = (pick: (r: RoundResult) => number) => rounds.reduce((n, r) => n + pick(r), 0);
const landed = all.filter((k) => k.landed).length;
const onTarget = all.filter((k) => k.landed && k.onTarget).length;
const converged = rounds.filter((r) => r.finalExit === 0 && r.planExit === 0).length;
const duplicates = sum((r) => r.findings.duplicates.length);
const missing = sum((r) => r.findings.missing.length);
const unowned = sum((r) => r.findings.unowned.length);
const checked = sum((r) => r.findings.ledgerChecked);
const unsettled = sum((r) => r.findings.unsettled.length);
console.log('');
console.log(`${all.length} kills in ${rounds.length} rounds of ${workspaces} workspaces (seed ${seed}), ${((Date.now() - started) / 60_000).toFixed(1)} min`);
console.log(`landed inside an apply: ${landed}/${all.length}; with the aimed work in flight: ${onTarget}/${all.length} (${byPoint})`);
console.log(`changes in flight at a kill: median ${inFlight[Math.floor(inFlight.length / 2)] ?? 0}, max ${inFlight[inFlight.length - 1] ?? 0}`);
console.log(`rounds converged (final apply exit 0, then plan exit 0): ${converged}/${rounds.length}`);
console.log(`objects made twice: ${duplicates}; missing: ${missing}; created objects the ledger does not own: ${unowned} of ${checked} (${sum((r) => r.unownedFromFinal)} of them created by a final, unkilled apply); records left intents: ${unsettled}`);
process.exitCode = rounds.every(roundPassed) ? 0 : 1;
