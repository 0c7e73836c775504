/**
 * The live scenarios' blueprint, botkyrka-like and small: a communication site with a library, a
 * site column and a content type linking it (read by its id, its links with `$select`: what a
 * real tenant must confirm), and a team site with a list, every URL and nickname under the run's
 * prefix so that runs never meet; and the cleanup blueprint that prunes all of it (same name, no
 * sites).
 */

export const LIVE_NAME = (prefix: string) => `${prefix}-scenario`;

export function scenarioBlueprint(prefix: string, owner: string, opts: { hubTitle?: string } = {}): string {
  return `version: 1
name: ${LIVE_NAME(prefix)}
columns:
  caseNumber:
    name: ${prefix}CaseNumber
    type: text
    displayName: Diarienummer
contentTypes:
  decision:
    name: ${prefix} Beslut
    parent: Document
    columns: [{ use: caseNumber, required: true }]
sites:
  - url: /sites/${prefix}-sbf
    type: communication
    title: ${opts.hubTitle ?? 'Samhällsbyggnad'}
    lcid: 1053
    owner: ${owner}
    columns:
      - use: caseNumber
    contentTypes: [{ use: decision }]
    lists:
      - url: Beslut
        title: Beslut
        template: documentLibrary
        columns:
          - use: caseNumber
  - url: /sites/${prefix}-bygglov
    type: team
    title: Bygglov
    visibility: Private
    owners: [${owner}]
    lists:
      - url: Arenden
        title: Ärenden
        template: genericList
`;
}

/** Same owner name, nothing declared, sites pruned: deletes what the scenario made. */
export function cleanupBlueprint(prefix: string): string {
  return `version: 1
name: ${LIVE_NAME(prefix)}
prune: [site]
`;
}
