/**
 * Expansion of a site's `permissions.groups:` into `siteGroup` resources, with BP534 (one of the
 * site's own groups), BP308 and BP313 (members) and BP536 (an owner that is no known group). Run
 * by the permissions expansion (src/kinds/permissions/expand.ts) after the site's levels and
 * before its assignments, which may name the groups it returns (`SitePrincipals`).
 */
import { entraGroupRef } from '../../model/principal.ts';
import type { RowContext } from '../../blueprint-core/report.ts';
import { checkUpn, didYouMean } from '../../blueprint-core/rules.ts';
import type { RawSitePermissions } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { siteGroupAddress } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';

/** What the expansion needs of its caller (the permissions expansion's context has it). */
export type SiteGroupExpandContext = Pick<KindExpandContext, 'rep' | 'span' | 'push'> & {
  /** Registers an address (reports a duplicate); false when it is taken. */
  claim(address: string, what: string, path: Path): boolean;
};

/** The groups a principal of the site may name: the declared ones and the site's own (Owners, Members, Visitors). */
export interface SitePrincipals {
  /** Declared groups that were expanded: lower-case name -> address. */
  groups: Map<string, string>;
  /** The groups SharePoint makes with the site (`<title> Owners`, …). */
  builtin: string[];
}


/** The groups SharePoint makes with a site of this title. */
export function builtinGroupsOf(title: string): string[] {
  return ['Owners', 'Members', 'Visitors'].map((g) => `${title} ${g}`);
}

/**
 * A site's `permissions.groups:` (`perms` absent: none). Claims every group first (an owner may be
 * a group declared after the one it owns), then pushes them. Returns the principals the site's
 * assignments may name.
 */
export function expandSiteGroups(x: SiteGroupExpandContext, perms: RawSitePermissions | undefined, base: Path, site: string, title: string, row?: RowContext): SitePrincipals {
  const o = (address: string, extra: Record<string, unknown> = {}) => ({ address, ...(row ? { row } : {}), ...extra });
  const principals: SitePrincipals = { groups: new Map<string, string>(), builtin: builtinGroupsOf(title) };
  const { groups, builtin } = principals;
  const checkUser = (upn: string, p: Path, address: string): boolean => {
    const problem = checkUpn(upn);
    if (problem) x.rep.at('BP308', p, problem, o(address));
    return !problem;
  };
  (perms?.groups ?? []).forEach((g, j) => {
    const p = [...base, 'groups', j];
    const address = siteGroupAddress(site, g.name);
    if (builtin.some((b) => b.toLowerCase() === g.name.toLowerCase())) {
      x.rep.at('BP534', [...p, 'name'], `'${g.name}' is one of the site's own groups (${builtin.join(', ')}), which SharePoint makes with the site; name the group differently`, o(address));
      return;
    }
    if (!x.claim(address, `SharePoint group '${g.name}' in ${site}`, p)) return;
    groups.set(g.name.toLowerCase(), address);
  });
  // now the groups themselves (an owner may be a group declared after this one)
  (perms?.groups ?? []).forEach((g, j) => {
    const p = [...base, 'groups', j];
    const address = groups.get(g.name.toLowerCase());
    if (address !== siteGroupAddress(site, g.name)) return;
    const members: string[] = [];
    const seen = new Set<string>();
    (g.members ?? []).forEach((upn, k) => {
      if (upn.trim() === '') return; // an empty CSV cell
      const entra = entraGroupRef(upn);
      if (entra === '') {
        x.rep.at('BP537', [...p, 'members', k], `'${upn}' names no Entra group: write entra:<the group's display name or object id>`, o(address));
        return;
      }
      if (entra === undefined && !checkUser(upn, [...p, 'members', k], address)) return;
      if (seen.has(upn.toLowerCase())) {
        x.rep.at('BP313', [...p, 'members', k], `'${upn}' is listed twice`, o(address, { severity: 'warning' }));
        return;
      }
      seen.add(upn.toLowerCase());
      members.push(upn);
    });
    const after: string[] = [];
    if (g.owner !== undefined) {
      if (g.owner.includes('@')) checkUser(g.owner, [...p, 'owner'], address);
      else {
        const ownerGroup = groups.get(g.owner.toLowerCase());
        if (ownerGroup && ownerGroup !== address) after.push(ownerGroup);
        else if (!ownerGroup) unknownGroup(x, g.owner, [...p, 'owner'], address, principals, row);
      }
    }
    x.push({
      kind: 'siteGroup',
      address,
      parent: site,
      props: definedProps({
        name: g.name,
        description: g.description,
        owner: g.owner,
        members: g.members !== undefined && !g.pruneMembers ? members : undefined,
        exactMembers: g.members !== undefined && g.pruneMembers ? members : g.pruneMembers ? [] : undefined,
      }),
      source: x.span(p),
      ...(after.length ? { after } : {}),
    });
  });
  return principals;
}

/** BP536 (a warning): `name` is neither a declared group nor one of the site's own; it must already exist. */
export function unknownGroup(x: Pick<KindExpandContext, 'rep'>, name: string, p: Path, address: string, principals: SitePrincipals, row?: RowContext): void {
  const { groups, builtin } = principals;
  if (builtin.some((b) => b.toLowerCase() === name.toLowerCase())) return;
  const known = [...builtin, ...[...groups.values()].map((a) => a.slice(a.lastIndexOf('/group[') + 7, -1))];
  const guess = didYouMean(name, known);
  x.rep.at(
    'BP536',
    p,
    `'${name}' is neither a group declared in this site's permissions.groups nor one of its own groups (${builtin.join(', ')})${guess ? ` (did you mean '${guess}'?)` : ''}; it must already exist in the tenant (a user is named by UPN, with @)`,
    // the site's own groups are named after its title (a template's differ by row): a row whose
    // principal and guess are the same is the same problem, reported once with the rows counted
    { address, severity: 'warning', problem: `${name}|${guess ?? ''}`, ...(row ? { row } : {}) },
  );
}
