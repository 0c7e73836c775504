/**
 * Rule 3 of "works on a real tenant": SharePoint ignores a SchemaXml's `Name` unless
 * `CreateFieldAsXml` passes AddFieldInternalNameHint, and derives the internal name from the
 * display name instead. The engine passes the hint, so columns whose display names differ from
 * their internal names (spaces, å ä ö, more than 32 characters; site, list and taxonomy columns
 * with their hidden note fields) are created under the blueprint's names and the next plan is
 * empty. (The local tenant's side, without the hint, is tested in test/emulator/pnpjs.test.ts.)
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { engineSteps } from '../support/engine-steps.ts';
import { listColumns, siteByPath } from '../support/tenant-state.ts';
import type { Target } from '../../src/tenant/target.ts';
import { openLocalTarget } from '../support/apply-run.ts';

const LONG = 'Ansvarig handläggare på förvaltningen för samhällsbyggnad';

const BLUEPRINT = `
version: 1
name: field-names
termStore:
  language: en-US
  groups:
    - name: Fältnamn
      termSets:
        - name: Ärendetyper
          terms:
            - name: Bygglov
sites:
  - url: /sites/field-names
    type: communication
    title: Fältnamn
    owner: anna.andersson@contoso.onmicrosoft.com
    columns:
      - { name: CaseOfficer, type: user, displayName: "${LONG}" }
      - { name: CaseKind, type: taxonomy, termSet: "Fältnamn/Ärendetyper", displayName: "Ärendets typ" }
    lists:
      - url: Arenden
        title: Ärenden
        template: genericList
        columns:
          - { name: CaseStatus, type: choice, choices: [Ny, Klar], displayName: "Ärendets status" }
          - { name: DecisionDate, type: dateTime, displayName: "Datum för beslut i nämnden (åäö)" }
`;

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('field-names'));
});
afterAll(async () => {
  await target?.close();
});

test('columns whose display names differ from their names are created under the blueprint names (AddFieldInternalNameHint) and converge', async () => {
  const steps = engineSteps(() => target, 'field-names.yaml');
  await steps.applyAndConverge(BLUEPRINT);
  const site = await siteByPath(target, '/sites/field-names');
  // hidden ones too (the note field): Graph lists them only when $select names `hidden`
  const siteColumns = await target.client.graph.list<{ name: string; displayName: string }>(`/sites/${site!.id}/columns?$select=name,displayName,hidden`);
  expect(siteColumns).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ name: 'CaseOfficer', displayName: LONG }),
      expect.objectContaining({ name: 'CaseKind', displayName: 'Ärendets typ' }),
      expect.objectContaining({ name: 'CaseKindTaxHTField0' }),
    ]),
  );
  // nothing under a name SharePoint would have derived from a display name
  expect(siteColumns.filter((c) => c.name.includes('_x00'))).toEqual([]);
  const columns = await listColumns(target, '/sites/field-names', 'Arenden');
  expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['CaseStatus', 'DecisionDate']));
  // (the list's built-in columns, e.g. the hidden File_x0020_Type, are SharePoint's own: read-only and sealed)
  const list = await target.client.graph.get<{ id: string }>(`/sites/${site!.id}/lists/Arenden`);
  const withHidden = await target.client.graph.list<{ name: string; readOnly: boolean }>(`/sites/${site!.id}/lists/${list.id}/columns?$select=name,readOnly,hidden`);
  expect(withHidden.filter((c) => c.name.includes('_x00') && !c.readOnly)).toEqual([]);
  expect(withHidden.some((c) => c.name === 'File_x0020_Type')).toBe(true);
  expect(columns.some((c) => c.name === 'File_x0020_Type')).toBe(false);
});
