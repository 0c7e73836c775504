// The machine's pace: a fixed workload shaped like a plan's own work (small JSON answers
// parsed, objects made and kept in maps by address, promises awaited, most of it garbage),
// run in a process of its own. It prints its CPU time (user + system, all threads) in ms as
// JSON. The same work on a slower or busier machine takes longer: a benchmark reports its
// figures beside this one, so runs on different days or machines can be compared by ratio.
//
//   node scripts/bench/pace.mjs   ->   {"cpuMs":2412.3}
const ROUNDS = 3;
const ITEMS = 200_000;

async function round(seed) {
  const kept = new Map();
  let sum = 0;
  for (let i = 0; i < ITEMS; i++) {
    const answer = JSON.stringify({
      id: `${seed}-${i}-0000-4000-8000-000000000000`,
      name: `Column${i % 97}`,
      displayName: `Kolumn ${i}`,
      hidden: i % 3 === 0,
      choice: { choices: ['Ny', 'Pågår', 'Klar'] },
    });
    const parsed = JSON.parse(answer);
    const state = { status: 'present', id: parsed.id, ids: { siteId: `site-${i >> 4}`, columnId: parsed.id }, props: { name: parsed.name, displayName: parsed.displayName } };
    if (i % 4 === 0) kept.set(`site[/sites/w${i >> 4}]/list[Beslut]/column[${parsed.name}]`, state);
    if (i % 64 === 0) sum += (await Promise.resolve(state)).props.name.length;
    else sum += state.props.displayName.length;
  }
  return sum + kept.size;
}

let check = 0;
for (let r = 0; r < ROUNDS; r++) check += await round(r);
const u = process.cpuUsage();
process.stdout.write(JSON.stringify({ cpuMs: (u.user + u.system) / 1000, check }) + '\n');
