/**
 * An apply killed after a create landed and before its outcome reached the ownership ledger
 * leaves the record an intent (`creating`): the next plan finds the object and has nothing to
 * change, so no later create ever writes its id. The next apply settles it: it reads what the
 * journal says the interrupted run set out to create and records the id its fresh plan read,
 * also when that plan is empty; then it closes the interrupted run in the journal, so that it is
 * neither reported nor settled again; another blueprint's interrupted run is left alone. (A real kill leaves this state in
 * test/e2e/kill-resume.test.ts; here it is made with the ledger's and the journal's own writes,
 * so that the plan after it is empty for certain.)
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { Journal } from '../../src/apply/journal.ts';
import { OwnershipLedger } from '../../src/ownership/ledger.ts';
import { CREATING } from '../../src/ownership/ledger-record.ts';
import { scopeOf } from '../../src/ownership/ledger-scope.ts';
import { openTarget, stateDirOf } from '../../src/tenant/target.ts';
import { provision } from '../support/cli.ts';

const NAME = 'settle';
const LIST = 'site[/sites/settle-a]/list[Avtal]';
const blueprint = `version: 1
name: ${NAME}
sites:
  - url: /sites/settle-a
    type: communication
    title: Settle A
    owner: anna.andersson@contoso.onmicrosoft.com
    lists:
      - { url: Avtal, template: documentLibrary }
`;

/** The list's ownership record and its id in the tenant, read through the engine's own faces. */
async function listRecord(cwd: string, change?: (ledger: OwnershipLedger, scope: ReturnType<typeof scopeOf>) => Promise<void>): Promise<{ recorded?: string; listId: string }> {
  const target = await openTarget({ tenant: 'local', cwd });
  try {
    const graph = target.client.graph;
    const site = await graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/settle-a?$select=id`);
    const lists = await graph.list<{ id: string; name: string }>(`/sites/${site.id}/lists?$select=id,name`);
    const listId = lists.find((l) => l.name === 'Avtal')!.id;
    const scope = scopeOf(NAME, LIST, site.id);
    if (change) await change(new OwnershipLedger(graph, NAME), scope);
    const recorded = (await new OwnershipLedger(graph, NAME).records(scope)).get(LIST);
    return { ...(recorded !== undefined ? { recorded } : {}), listId };
  } finally {
    await target.close();
  }
}

test('the apply after an interrupted one records the ids of what it created whose records were still intents, with an empty plan too, and closes that run in the journal', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-settle-'));
  await writeFile(join(cwd, 'b.yaml'), blueprint);
  const first = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const made = await listRecord(cwd);
  expect(made.recorded?.toLowerCase()).toBe(made.listId.toLowerCase());

  // What a kill between the list's create and its outcome leaves: the record an intent again
  // (the ledger's own forget, then intent), and a journal whose last run began the create and
  // never ended.
  const left = await listRecord(cwd, async (ledger, scope) => {
    ledger.forget(scope, LIST);
    await ledger.intend(scope, LIST);
  });
  expect(left.recorded).toBe(CREATING);
  // The killed run's record names the tenant and the blueprint as the first apply's did.
  const journalFile = join(stateDirOf(cwd), 'journal.jsonl');
  const ran = (await readFile(journalFile, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { t: string; tenant?: string; blueprint?: string }).find((e) => e.t === 'run')!;
  const interrupt = (blueprintName: string) => {
    const killed = new Journal(journalFile, `killed-${blueprintName}`);
    killed.begin(ran.tenant!, blueprintName);
    killed.onEvent({ type: 'started', address: LIST, action: 'create' });
    killed.close();
  };

  // Another blueprint's interrupted run in the same folder: reported, its records not this
  // ledger's, so nothing is settled, and it stays for its own blueprint's apply.
  interrupt('another.yaml');
  const other = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(other.code, other.stdout + other.stderr).toBe(0);
  expect(other.stdout + other.stderr).toMatch(/was interrupted with 1 change\(s\) in flight/);
  expect(other.stdout + other.stderr).not.toMatch(/Recorded the ownership/);
  expect((await listRecord(cwd)).recorded).toBe(CREATING);

  // this blueprint's run, its path spelt another way (`./b.yaml`): the same blueprint
  interrupt(`./${ran.blueprint!}`);

  const next = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(next.code, next.stdout + next.stderr).toBe(0);
  const said = next.stdout + next.stderr;
  expect(said).toMatch(/No changes/);
  expect(said).toMatch(/was interrupted with 1 change\(s\) in flight/);
  expect(said).toMatch(/Recorded the ownership of 1 object\(s\) the interrupted apply created/);
  const settled = await listRecord(cwd);
  expect(settled.recorded?.toLowerCase()).toBe(made.listId.toLowerCase());

  // Closed in the journal: the apply after it reports nothing and settles nothing.
  const again = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(again.code).toBe(0);
  expect(again.stdout + again.stderr).not.toMatch(/interrupted|Recorded the ownership/);
  const plan = await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode');
  expect(plan.code, plan.stdout).toBe(0);
}, 120_000);
