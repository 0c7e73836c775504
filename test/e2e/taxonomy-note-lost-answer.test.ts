/**
 * A taxonomy column is two SharePoint fields: the hidden note field SharePoint keeps its values in
 * (`<name>TaxHTField0`), made first, then the column. When the note's create commits and its
 * answer is lost, the column is not found and is sent again (a column's id is refused twice:
 * create-once.ts), and that try must find the note and not make it again. Graph lists a hidden
 * column only when `$select` names `hidden` (the columnDefinition resource type), and the local
 * tenant does the same, so this fails if the engine looks for the note without it.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { LocalBehaviour } from '../../src/tenant/target.ts';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: taxonomy-note
termStore:
  language: en-US
  groups:
    - name: Ärenden
      termSets:
        - name: Typer
          terms:
            - name: Bygglov
sites:
  - url: /sites/tax-note
    type: communication
    title: Taxonomi
    owner: anna.andersson@contoso.onmicrosoft.com
    columns:
      - { name: CaseKind, type: taxonomy, termSet: "Ärenden/Typer", displayName: "Ärendets typ" }
`;

interface Column {
  id: string;
  name: string;
  hidden?: boolean;
}

test("a taxonomy column whose hidden note field a lost answer already made is sent again and made without a second note, and converges", async () => {
  const desired = await desiredOf(text, 'taxonomy-note.yaml');
  // the first field create on the site is the note's: it commits, and its answer is lost
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'POST /sites/tax-note/_api/web/fields/createfieldasxml', fault: 'commit-then-504' }] };
  await withLocalTarget('taxonomy-note', async (target) => {
    // the column's create failed ambiguously and is not found afterwards (only its note exists):
    // it is sent again, finds the note the lost answer made, and makes the column only
    const events: ApplyEvent[] = [];
    const first = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 4, onEvent: (e) => events.push(e) });
    // the fault happened: the local tenant counts it, and the column's create went again
    expect((await target.localTenant!.stats()).faults.byKind).toMatchObject({ 'commit-then-504': 1 });
    expect(events.some((e) => e.type === 'progress' && e.address === 'site[/sites/tax-note]/column[CaseKind]' && /sending it once more/.test(e.message))).toBe(true);
    expect(first.failed).toEqual([]);

    const site = await target.client.graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/tax-note`);
    // without `hidden` in $select, Graph leaves the note out, as the service does
    const shown = await target.client.graph.list<Column>(`/sites/${site.id}/columns?$select=id,name`);
    expect(shown.some((c) => c.name === 'CaseKind')).toBe(true);
    expect(shown.some((c) => c.name.toLowerCase().startsWith('casekindtaxhtfield'))).toBe(false);
    const all = await target.client.graph.list<Column>(`/sites/${site.id}/columns?$select=id,name,hidden`);
    expect(all.filter((c) => c.name.toLowerCase().startsWith('casekindtaxhtfield'))).toEqual([expect.objectContaining({ name: 'CaseKindTaxHTField0', hidden: true })]);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  }, { faults });
});
