/**
 * A private channel's files live in a site of its own: apply waits (bounded) for the channel's
 * files folder before going on, and the folder is the root of that site's library.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Target } from '../../src/tenant/target.ts';
import { engineSteps } from '../support/engine-steps.ts';
import { openLocalTarget } from '../support/apply-run.ts';

let target: Target;
const { applyAndConverge } = engineSteps(() => target, 'folders.yaml');

beforeAll(async () => {
  ({ target } = await openLocalTarget('folders'));
});
afterAll(async () => target?.close());

test("a private channel's files folder is waited for and lives in the channel's own site", async () => {
  await applyAndConverge(`version: 1
name: folders
sites:
  - url: /sites/folders
    type: team
    title: Folders
    owners: [anna.andersson@contoso.onmicrosoft.com]
    team:
      channels:
        - { name: General }
        - { name: Projekt }
        - { name: Ledning, membershipType: private, owners: [anna.andersson@contoso.onmicrosoft.com] }
`);
  const group = (await target.client.graph.get<{ value: { id: string }[] }>(`/groups?$filter=mailNickname eq 'folders'`)).value[0]!;
  const channels = await target.client.graph.list<{ id: string; displayName: string }>(`/teams/${group.id}/channels`);
  const folderOf = async (name: string) => {
    const ch = channels.find((c) => c.displayName === name)!;
    return target.client.graph.get<{ webUrl: string; folder?: object }>(`/teams/${group.id}/channels/${encodeURIComponent(ch.id)}/filesFolder`);
  };
  const privateFolder = await folderOf('Ledning');
  expect(privateFolder.folder).toBeDefined();
  expect(privateFolder.webUrl).toMatch(/\/sites\/folders-Ledning\/Shared%20Documents$|\/sites\/folders-Ledning\/Shared Documents$/);
  expect((await folderOf('Projekt')).webUrl).toMatch(/\/sites\/folders\/Shared( |%20)Documents\/Projekt$/);
});
