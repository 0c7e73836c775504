/**
 * A view that shows, filters and sorts by columns a content type of the list brings (site columns
 * the list gets when the content type is added to it, not list columns of its own): SharePoint
 * refuses a view field the list does not have, so the view is made after the content type (the
 * plan says so), in one apply with no failure, and a fresh plan is empty. The content type links a
 * taxonomy column, which waits for its term set, so without that order the view is made first (a
 * hand-written blueprint like this one failed its first apply so). The view in the tenant shows
 * the columns.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTarget, type Target } from '../../src/tenant/target.ts';
import { engineSteps } from '../support/engine-steps.ts';

const SITE = '/sites/view-ct-columns';

const BLUEPRINT = `version: 1
name: view-ct-columns
termStore:
  groups:
    - name: Vct
      termSets:
        - name: Kinds
          terms: [{ name: Policy }, { name: Guideline }]
columns:
  kind: { name: VctKind, displayName: Kind, type: taxonomy, termSet: Vct/Kinds }
  status: { name: VctStatus, displayName: Status, type: choice, choices: [Draft, Approved], default: Draft }
  validFrom: { name: VctValidFrom, displayName: Valid from, type: dateTime }
contentTypes:
  doc:
    name: Policy document
    parent: Document
    columns: [{ use: kind }, { use: status }, { use: validFrom }]
sites:
  - url: ${SITE}
    type: communication
    title: View and content type columns
    owner: anna.andersson@contoso.onmicrosoft.com
    columns: [{ use: kind }, { use: status }, { use: validFrom }]
    contentTypes: [{ use: doc }]
    lists:
      - url: Policies
        template: documentLibrary
        contentTypes: [doc]
        defaultContentType: doc
        views:
          - name: Approved
            columns: [DocIcon, LinkFilename, VctKind, VctStatus, VctValidFrom]
            filter: { column: VctStatus, eq: Approved }
            orderBy: [{ column: VctValidFrom, ascending: false }]
            default: true
`;

let target: Target;
const { applyAndConverge } = engineSteps(() => target, 'view-ct-columns.yaml');

beforeAll(async () => {
  target = await openTarget({ tenant: 'local', cwd: await mkdtemp(join(tmpdir(), 'provision-view-ct-')) });
});
afterAll(async () => {
  await target?.close();
});

test("a view of columns the list's content type brings is made after it, in one apply", async () => {
  const plan = await applyAndConverge(BLUEPRINT);
  const view = plan.changes.find((c) => c.address === `site[${SITE}]/list[Policies]/view[Approved]`)!;
  expect(view.action).toBe('create');
  expect(view.dependsOn).toContain(`site[${SITE}]/list[Policies]/contentType[Policy document]`);
  const list = target.client.sp.web(`https://${target.client.sharepointHost}${SITE}`).web.lists.getByTitle('Policies');
  const made = await list.views.getByTitle('Approved').select('DefaultView', 'ViewQuery')<{ DefaultView: boolean; ViewQuery: string }>();
  const fields = await list.views.getByTitle('Approved').fields<{ Items: string[] }>();
  expect(fields.Items).toEqual(['DocIcon', 'LinkFilename', 'VctKind', 'VctStatus', 'VctValidFrom']);
  expect(made.DefaultView).toBe(true);
  expect(made.ViewQuery).toContain('VctStatus');
});
