/**
 * Names the term store keeps otherwise than they are written: "& " becomes the full-width "＆"
 * (U+FF06), consecutive spaces one (TermSetItem.CreateTerm), spaces at the ends none. A blueprint that writes them
 * applies, the local tenant keeps them as the service does, and a fresh plan is empty, where it
 * used to plan the same term again forever (or the local tenant refused the & the service takes).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTarget, stateDirOf, type Target } from '../../src/tenant/target.ts';
import { delegatedGraphList } from '../support/delegated-token.ts';
import { engineSteps } from '../support/engine-steps.ts';

const text = `
version: 1
name: stored-names
columns:
  kind: { name: CaseKind, type: taxonomy, termSet: "Bygg & miljö/Typer  och slag", displayName: Kind }
termStore:
  language: sv-SE
  groups:
    - name: Bygg & miljö
      termSets:
        - name: Typer  och slag
          names: { en-US: Types & kinds }
          terms:
            - name: Ärende & beslut
              labels: { en-US: Case & decision }
              children:
                - name: Mark  och  vatten
                - name: " Vatten "
sites:
  - url: /sites/stored-names
    type: communication
    title: Lagrade namn
    owner: anna.andersson@contoso.onmicrosoft.com
    columns:
      - use: kind
`;

let target: Target;
let stateDir = '';
const { applyAndConverge } = engineSteps(() => target, 'names.yaml');

beforeAll(async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-names-'));
  target = await openTarget({ tenant: 'local', cwd });
  stateDir = join(stateDirOf(cwd), 'local-tenant');
});
afterAll(async () => target?.close());

test('& and double spaces: applied as the term store keeps them, and the plan after is empty', async () => {
  const plan = await applyAndConverge(text);
  // the plan states what the store will hold
  expect(plan.changes.map((c) => c.address)).toContain('termGroup[Bygg ＆ miljö]/termSet[Typer och slag]/term[Ärende ＆ beslut/Mark och vatten]');
  const groups = await delegatedGraphList<{ id: string; displayName: string }>(stateDir, '/sites/root/termStore/groups');
  const group = groups.find((g) => g.displayName === 'Bygg ＆ miljö')!;
  expect(group).toBeDefined();
  const sets = await delegatedGraphList<{ id: string; localizedNames: { languageTag: string; name: string }[] }>(stateDir, `/sites/root/termStore/groups/${group.id}/sets`);
  expect(sets[0]!.localizedNames).toEqual(expect.arrayContaining([{ languageTag: 'sv-SE', name: 'Typer och slag' }, { languageTag: 'en-US', name: 'Types ＆ kinds' }]));
  const terms = await delegatedGraphList<{ labels: { name: string; languageTag: string }[] }>(stateDir, `/sites/root/termStore/sets/${sets[0]!.id}/children`);
  expect(terms[0]!.labels.map((l) => `${l.languageTag}:${l.name}`).sort()).toEqual(['en-US:Case ＆ decision', 'sv-SE:Ärende ＆ beslut']);
  // spaces at a name's ends are not kept: stated so, it converged above
  expect(plan.changes.map((c) => c.address)).toContain('termGroup[Bygg ＆ miljö]/termSet[Typer och slag]/term[Ärende ＆ beslut/Vatten]');
});
