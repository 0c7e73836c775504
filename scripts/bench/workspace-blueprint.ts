/**
 * The benchmark's workspace, as issue 5 defines it: a group-connected team site with a team,
 * three channels, two libraries, six site columns, two content types and three permission
 * assignments; stamped over N rows of a CSV.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const seed = JSON.parse(readFileSync(join(import.meta.dirname, '../../src/emulator/seed/directory.json'), 'utf8')) as { users: { userPrincipalName: string }[] };

/** The blueprint; `name` is its ownership name (runs that apply at once need one each: a lease a name). */
export function workspaceBlueprint(name = 'bench'): string {
  return `version: 1
name: ${name}
columns:
  caseNumber: { name: BenchCaseNumber, type: text, required: true }
  step: { name: BenchStep, type: choice, choices: [Ny, Pågår, Klar], default: Ny }
  decided: { name: BenchDecided, type: dateTime }
  officer: { name: BenchOfficer, type: user }
  notes: { name: BenchNotes, type: note }
  fee: { name: BenchFee, type: number }
contentTypes:
  decision:
    name: Bench Decision
    parent: Document
    columns: [{ use: caseNumber, required: true }, { use: decided }]
  application:
    name: Bench Application
    parent: Document
    columns: [{ use: caseNumber }, { use: step }]
templates:
  workspace:
    type: team
    url: /sites/bench-{{ row.n }}
    title: "Workspace {{ row.n }}"
    owners: ["{{ row.owner }}"]
    columns:
      - use: caseNumber
      - use: step
      - use: decided
      - use: officer
      - use: notes
      - use: fee
    contentTypes: [{ use: decision }, { use: application }]
    lists:
      - url: Dokument
        template: documentLibrary
      - url: Beslut
        template: documentLibrary
        permissions:
          inherit: false
          copyRoleAssignments: false
          assignments:
            - { principal: "Workspace {{ row.n }} Owners", roles: [Full Control] }
            - { principal: "Workspace {{ row.n }} Members", roles: [Contribute] }
            - { principal: "Workspace {{ row.n }} Visitors", roles: [Read] }
    team:
      channels:
        - { name: General }
        - { name: Projekt, description: Projektarbete }
        - { name: Möten, description: Mötesanteckningar }
workspaces:
  - template: workspace
    rows: workspaces.csv
`;
}

/** Rows `n,owner` for `count` workspaces numbered from `from`. */
export function workspaceRows(from: number, count: number): string {
  const users = seed.users.slice(1);
  const lines = ['n,owner'];
  for (let i = from; i < from + count; i++) lines.push(`${String(i).padStart(5, '0')},${users[i % users.length]!.userPrincipalName}`);
  return lines.join('\n') + '\n';
}
