/**
 * A blueprint of `sites` group-connected team sites stamped from one template and a row each
 * (team-sites-blueprint.ts lists the sites one by one, without site columns), each with
 * `columns` site columns (text, number, note and date in turn; none: no `columns:`) and two document libraries: SharePoint
 * work for many sites whose groups the service makes sites for later (the window of probes, the
 * room apply leaves SharePoint's budget). `prefix` keeps names apart between tests: the columns
 * are `<Prefix>A`, `<Prefix>B`, ... and the sites `/sites/<prefix>-<n>`.
 */
export function stampedTeamSites(name: string, prefix: string, columns: number, sites: number): string {
  const types = ['text', 'number', 'note', 'dateTime'];
  const keys = Array.from({ length: columns }, (_, i) => String.fromCharCode(97 + i));
  const Prefix = prefix[0]!.toUpperCase() + prefix.slice(1);
  const declared = keys.map((k, i) => `  ${k}: { name: ${Prefix}${k.toUpperCase()}, type: ${types[i % types.length]} }`).join('\n');
  return `version: 1
name: ${name}
${columns > 0 ? `columns:\n${declared}\n` : ''}templates:
  ws:
    type: team
    url: /sites/${prefix}-{{ row.n }}
    title: "${Prefix} {{ row.n }}"
    owners: [anna.andersson@contoso.onmicrosoft.com]
${columns > 0 ? `    columns: [${keys.map((k) => `{ use: ${k} }`).join(', ')}]\n` : ''}    lists:
      - { url: Dokument, template: documentLibrary }
      - { url: Arkiv, template: documentLibrary }
workspaces:
  - template: ws
    rows:
${Array.from({ length: sites }, (_, i) => `      - { n: ${i + 1} }`).join('\n')}
`;
}
