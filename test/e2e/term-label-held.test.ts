/**
 * A term's name is its identity in a blueprint, so renaming it declares a new term beside the old
 * one. The term store gives a default label in a language to one term among siblings, so a new
 * term that keeps the old one's English label would be refused ("There is already a term with the
 * same default label and parent term."): the plan shows it as not readable as the blueprint's,
 * says why and how to rename in place, and there is nothing to apply, where it planned a create
 * that apply then failed. An existing term given a label a sibling holds is updated without it,
 * the label marked as not written, with why; and so is a term set given a name another set of its
 * group has. When the plan prunes the term or set that holds the label or name, the create waits
 * for its delete and one apply converges.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const blueprint = (name: string, english: string, received = 'Received') => `version: 1
name: term-label-held
termStore:
  language: sv-SE
  groups:
    - name: Ärendehantering
      termSets:
        - name: Steg
          terms:
            - { name: Inkommen, labels: { en-US: ${received} } }
            - { name: ${name}, labels: { en-US: ${english} } }
`;

test("a term renamed in the blueprint whose English label a sibling holds is shown '?' with why, not planned as a create the store refuses", async () => {
  await withLocalTarget('term-label-held', async (target) => {
    const first = await applyRun(target, await planDesired(await desiredOf(blueprint('Beslut', 'Decision'), 'terms.yaml'), target.client, target.name));
    expect(first.failed).toEqual([]);
    const renamed = await desiredOf(blueprint('Beslutad', 'Decision'), 'terms.yaml');
    const plan = await planDesired(renamed, target.client, target.name);
    const term = plan.changes.find((c) => c.address === 'termGroup[Ärendehantering]/termSet[Steg]/term[Beslutad]');
    expect(term?.action).toBe('unknown');
    expect((term as { reason?: string }).reason).toMatch(/the term 'Beslut' under the same parent has the default en-US label 'Decision'.*rename that term in the term store \(its sv-SE label to 'Beslutad'\)/);
    expect(plan.summary).toMatchObject({ add: 0, change: 0, destroy: 0 });
    // another English label: no sibling holds it, and the term is made
    const distinct = await desiredOf(blueprint('Beslutad', 'Decided'), 'terms.yaml');
    const again = await planDesired(distinct, target.client, target.name);
    expect(again.changes.find((c) => c.address === 'termGroup[Ärendehantering]/termSet[Steg]/term[Beslutad]')?.action).toBe('create');
    expect((await applyRun(target, again)).failed).toEqual([]);
    // an existing term given a label its sibling holds: the update is planned, the label marked as
    // not written with why, and apply does not fail on it
    const taken = await desiredOf(blueprint('Beslutad', 'Decided', 'Decided'), 'terms.yaml');
    const update = await planDesired(taken, target.client, target.name);
    const inkommen = update.changes.find((c) => c.address === 'termGroup[Ärendehantering]/termSet[Steg]/term[Inkommen]');
    expect(inkommen?.action).toBe('update');
    expect(inkommen?.notApplied).toMatchObject({ props: ['labels'], reason: expect.stringMatching(/the term 'Beslutad' under the same parent has the default en-US label 'Decided'/) });
    expect((await applyRun(target, update)).failed).toEqual([]);
  });
});

test("a term set renamed in the blueprint whose English name another set holds is shown '?' with why, not planned as a create the store refuses", async () => {
  const sets = (name: string) => `version: 1
name: set-name-held
termStore:
  language: sv-SE
  groups:
    - name: Ärenden
      termSets:
        - name: ${name}
          names: { en-US: Steps }
          terms: [{ name: Inkommen }]
`;
  await withLocalTarget('set-name-held', async (target) => {
    expect((await applyRun(target, await planDesired(await desiredOf(sets('Steg'), 'sets.yaml'), target.client, target.name))).failed).toEqual([]);
    const plan = await planDesired(await desiredOf(sets('Stegen'), 'sets.yaml'), target.client, target.name);
    const set = plan.changes.find((c) => c.address === 'termGroup[Ärenden]/termSet[Stegen]');
    expect(set?.action).toBe('unknown');
    expect((set as { reason?: string }).reason).toMatch(/the term set 'Steg' of the same group is named 'Steps' in one of its languages.*rename that set in the term store \(its sv-SE name to 'Stegen'\)/);
    expect(plan.summary).toMatchObject({ add: 0, change: 0, destroy: 0 });
  });
});

test("an existing term set given a name another set holds: its names are marked not written with why; when the blueprint renames that set away, the update waits for that rename and one apply converges", async () => {
  const sets = (stegEnglish: string, faserEnglish: string) => `version: 1
name: set-rename-held
termStore:
  language: sv-SE
  groups:
    - name: Processer
      termSets:
        - name: Steg
          names: { en-US: ${stegEnglish} }
          description: Stegen
        - name: Faser
          names: { en-US: ${faserEnglish} }
`;
  await withLocalTarget('set-rename-held', async (target) => {
    const planOf = async (text: string) => planDesired(await desiredOf(text, 'sets.yaml'), target.client, target.name);
    expect((await applyRun(target, await planOf(sets('Steps', 'Phases')))).failed).toEqual([]);
    // Faser takes the English name Steg has while Steg keeps it: not written, with why
    const held = await planOf(sets('Steps', 'Steps'));
    expect(held.changes.find((c) => c.address === 'termGroup[Processer]/termSet[Faser]')?.notApplied).toMatchObject({
      props: ['names'],
      reason: expect.stringMatching(/the term set 'Steg' of the same group is named 'Steps' in one of its languages/),
    });
    // Steg takes another English name in the same blueprint: Faser's rename waits for Steg's, and
    // one apply converges (the store would refuse Faser's first)
    const chain = sets('Stages', 'Steps');
    const plan = await planOf(chain);
    const faser = plan.changes.find((c) => c.address === 'termGroup[Processer]/termSet[Faser]');
    expect(faser).toMatchObject({ action: 'update', dependsOn: expect.arrayContaining(['termGroup[Processer]/termSet[Steg]']) });
    expect(faser?.notApplied).toBeUndefined();
    expect((await applyRun(target, plan)).failed).toEqual([]);
    expect((await planOf(chain)).changes.filter((c) => c.action !== 'noop')).toEqual([]);
  });
});

test('a term or term set renamed in the blueprint whose old one the plan prunes: the create waits for that delete, and one apply converges', async () => {
  const store = (term: string, set: string, prune: boolean) => `version: 1
name: renamed-pruned
${prune ? 'prune: [termSet, term]\n' : ''}termStore:
  language: sv-SE
  groups:
    - name: Omdöpt
      termSets:
        - name: ${set}
          names: { en-US: Steps }
          terms:
            - { name: ${term}, labels: { en-US: Decision } }
`;
  await withLocalTarget('renamed-pruned', async (target) => {
    const planOf = async (text: string) => planDesired(await desiredOf(text, 'renamed.yaml'), target.client, target.name);
    expect((await applyRun(target, await planOf(store('Beslut', 'Steg', false)))).failed).toEqual([]);
    const group = 'termGroup[Omdöpt]';
    // the term renamed, its English label kept, the old one pruned
    const term = await planOf(store('Beslutad', 'Steg', true));
    expect(term.changes.find((c) => c.address === `${group}/termSet[Steg]/term[Beslutad]`)).toMatchObject({ action: 'create', dependsOn: expect.arrayContaining([`${group}/termSet[Steg]/term[Beslut]`]) });
    expect(term.changes.find((c) => c.address === `${group}/termSet[Steg]/term[Beslut]`)?.action).toBe('delete');
    expect((await applyRun(target, term, { allow: ['allow-delete-content'] })).failed).toEqual([]);
    expect(isEmptyPlan(await planOf(store('Beslutad', 'Steg', true)))).toBe(true);
    // the set renamed, its English name kept, the old one pruned (with its term: made again in the new set)
    const set = await planOf(store('Beslutad', 'Stegen', true));
    expect(set.changes.find((c) => c.address === `${group}/termSet[Stegen]`)).toMatchObject({ action: 'create', dependsOn: expect.arrayContaining([`${group}/termSet[Steg]`]) });
    expect((await applyRun(target, set, { allow: ['allow-delete-content'] })).failed).toEqual([]);
    expect(isEmptyPlan(await planOf(store('Beslutad', 'Stegen', true)))).toBe(true);
  });
});
