/**
 * The blueprint several end-to-end tests apply: `count` group-connected team sites
 * (`/sites/<prefix>-0` …, titled `<title> 0` …), each owned by anna, with `extra` under each
 * site (YAML lines indented as a site's properties: a team, columns, lists).
 */
export const ANNA = 'anna.andersson@contoso.onmicrosoft.com';

export function teamSitesBlueprint(o: { name: string; prefix: string; title: string; count: number; extra?: string }): string {
  const sites = Array.from(
    { length: o.count },
    (_, i) => `  - url: /sites/${o.prefix}-${i}
    type: team
    title: ${o.title} ${i}
    owners: [${ANNA}]
${o.extra ?? ''}`,
  );
  return `version: 1
name: ${o.name}
sites:
${sites.join('')}`;
}
