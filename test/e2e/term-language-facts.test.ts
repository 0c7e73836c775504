/**
 * A term set's language travels to its terms as a fact, not in ids (src/model/facts.ts): through
 * the engine against the local tenant, a blueprint whose term store language is sv-SE (not the
 * store's default, en-US) with terms labelled in both languages and `prune: [term]`. The terms'
 * listing for pruning (set -> term, term -> child term) keys them by their sv-SE labels only if
 * the language reaches them, so a child term the blueprint no longer declares is found under the
 * address the engine recorded and pruned, and every re-plan is empty. Plans (and a saved plan read back) carry the language in `facts`, never in `ids`; a
 * saved plan applies a new child term under a present term with the facts it recorded.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { Change } from '../../src/model/change.ts';
import type { Plan } from '../../src/model/plan.ts';
import { parsePlanJson, renderPlanJson } from '../../src/plan/render-json.ts';
import { openTarget, type Target } from '../../src/tenant/target.ts';
import { applyRun } from '../support/apply-run.ts';
import { delegatedGraphList, localTenantDir } from '../support/delegated-token.ts';
import { desiredOf } from '../support/engine-steps.ts';

function blueprint(child: string): string {
  return `version: 1
name: term-language
prune: [term]
termStore:
  language: sv-SE
  groups:
    - name: Språkgrupp
      termSets:
        - name: Processteg
          names: { en-US: Process steps }
          terms:
            - name: Bygglov
              labels: { en-US: Building permit }
              children:
                - name: ${child}
                  labels: { en-US: ${child === 'Ansökan' ? 'Application' : 'Decision'} }
`;
}

let target: Target;
let stateDir: string;

beforeAll(async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-term-language-'));
  target = await openTarget({ tenant: 'local', cwd });
  stateDir = localTenantDir(cwd);
});

afterAll(async () => {
  await target?.close();
});

async function plan(text: string): Promise<Plan> {
  return planDesired(await desiredOf(text, 'term-language.yaml'), target.client, target.name);
}

function pending(p: Plan): string[] {
  return p.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`);
}

/** The taxonomy changes of a plan that carry ids: none has a `language` id; each has the sv-SE fact. */
function expectLanguageInFactsOnly(changes: Change[]): void {
  const present = changes.filter((c) => (c.kind === 'term' || c.kind === 'termSet') && 'ids' in c);
  expect(present.length).toBeGreaterThan(0);
  for (const c of present) {
    if (!('ids' in c)) continue;
    expect(Object.keys(c.ids), c.address).not.toContain('language');
    expect(c.facts, c.address).toEqual({ language: 'sv-SE' });
  }
}

type GraphTerm = { id: string; labels: { name: string; languageTag: string; isDefault: boolean }[] };

/** The child terms of the set's `Bygglov` term, by their sv-SE default label. */
async function childrenOfBygglov(): Promise<string[]> {
  const groups = await delegatedGraphList<{ id: string; displayName: string }>(stateDir, '/sites/root/termStore/groups');
  const group = groups.find((g) => g.displayName === 'Språkgrupp')!;
  const sets = await delegatedGraphList<{ id: string }>(stateDir, `/sites/root/termStore/groups/${group.id}/sets`);
  expect(sets).toHaveLength(1);
  const top = await delegatedGraphList<GraphTerm>(stateDir, `/sites/root/termStore/sets/${sets[0]!.id}/children`);
  const bygglov = top.find((t) => t.labels.some((l) => l.languageTag === 'sv-SE' && l.isDefault && l.name === 'Bygglov'))!;
  expect(bygglov.labels.find((l) => l.languageTag === 'en-US' && l.isDefault)?.name).toBe('Building permit');
  const kids = await delegatedGraphList<GraphTerm>(stateDir, `/sites/root/termStore/sets/${sets[0]!.id}/terms/${bygglov.id}/children`);
  return kids.map((k) => k.labels.find((l) => l.languageTag === 'sv-SE' && l.isDefault)?.name ?? '?').sort();
}

test('the set language reaches terms and child terms as facts: prune keys them in it, plans carry no language id', async () => {
  const first = await plan(blueprint('Ansökan'));
  expect(pending(first)).toHaveLength(4);
  const applied = await applyRun(target, first);
  expect(applied.failed).toEqual([]);
  expect(applied.skipped).toEqual([]);
  expect(await childrenOfBygglov()).toEqual(['Ansökan']);

  // Listing the set's and Bygglov's terms for `prune: [term]` keys them by their sv-SE labels
  // (the language handed down as a fact): the declared terms are found, nothing is to do.
  const again = await plan(blueprint('Ansökan'));
  expect(pending(again)).toEqual([]);

  // A saved plan: the child term is renamed in the blueprint (a new one, and the old one pruned:
  // found under Bygglov by its sv-SE label, which the engine recorded as its own).
  const saved = parsePlanJson(renderPlanJson(await plan(blueprint('Beslut'))), 'plan.json');
  expect(pending(saved).sort()).toEqual(['create termGroup[Språkgrupp]/termSet[Processteg]/term[Bygglov/Beslut]', 'delete termGroup[Språkgrupp]/termSet[Processteg]/term[Bygglov/Ansökan]']);
  expectLanguageInFactsOnly(again.changes);
  expectLanguageInFactsOnly(saved.changes);
  // deleting a term asks consent (items tagged with it keep values that no longer resolve)
  const second = await applyRun(target, saved, { allow: ['allow-delete-content'] });
  expect(second.failed).toEqual([]);
  expect(second.skipped).toEqual([]);
  expect(await childrenOfBygglov()).toEqual(['Beslut']);
  expect(pending(await plan(blueprint('Beslut')))).toEqual([]);
});
