/**
 * The blueprint the kill-resume runs apply: `workspaces` group-connected team sites, each with a
 * library holding two columns and a team with one channel, so that a kill can land in the
 * middle of creating a site (a group), a list and a team. Written into a working folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The blueprint's name (its ledger owner) and where it is written, relative to the folder. */
export const FIXTURE = { name: 'kill-resume', file: 'kill-resume/blueprint.yaml', nicknamePrefix: 'kr-', channel: 'Ledning', list: 'Rutiner', columns: ['DocumentOwner', 'ReviewDate'] } as const;

const OWNERS = ['anna.andersson@contoso.onmicrosoft.com', 'maria.karlsson@contoso.onmicrosoft.com', 'lars.nilsson@contoso.onmicrosoft.com'];

const BLUEPRINT = `version: 1
name: ${FIXTURE.name}
description: Kill-resume fixture - one team site, library and team per row.
columns:
  documentOwner: { name: DocumentOwner, displayName: Dokumentägare, type: user }
  reviewDate: { name: ReviewDate, displayName: Revideras senast, type: dateTime }
templates:
  department:
    type: team
    url: /sites/${FIXTURE.nicknamePrefix}{{ row.alias }}
    mailNickname: ${FIXTURE.nicknamePrefix}{{ row.alias }}
    title: "{{ row.name }}"
    visibility: Private
    owners: ["{{ row.owner }}"]
    lists:
      - url: ${FIXTURE.list}
        title: Rutiner och riktlinjer
        template: documentLibrary
        columns:
          - use: documentOwner
          - use: reviewDate
    team:
      channels:
        - name: ${FIXTURE.channel}
workspaces:
  - template: department
    rows: departments.csv
`;

/** The mailNicknames of the fixture's workspaces. */
export function nicknames(workspaces: number): string[] {
  return Array.from({ length: workspaces }, (_, i) => `${FIXTURE.nicknamePrefix}d${String(i + 1).padStart(3, '0')}`);
}

export async function writeFixture(cwd: string, workspaces: number): Promise<void> {
  const dir = join(cwd, 'kill-resume');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'blueprint.yaml'), BLUEPRINT);
  const rows = nicknames(workspaces).map((nick, i) => `${nick.slice(FIXTURE.nicknamePrefix.length)},Avdelning ${i + 1},${OWNERS[i % OWNERS.length]}`);
  await writeFile(join(dir, 'departments.csv'), ['alias,name,owner', ...rows].join('\n') + '\n');
}
