/**
 * The local tenant's granted app roles from the command line (`--app-roles`, `--local-app-roles`,
 * PROVISION_LOCAL_APP_ROLES): `graph=Group.ReadWrite.All,User.Read.All;sharepoint=Sites.FullControl.All`.
 * Each named resource's list replaces that resource's default grant; an unnamed resource keeps
 * its default; an empty list (`graph=`) grants nothing. Used to rehearse a tenant whose app lacks
 * a permission (`provision doctor` names it).
 */
import { InvalidArgumentError } from 'commander';

/** Granted app roles per resource, as the local tenant takes them. */
export interface AppRolesGrant {
  graph?: string[];
  sharepoint?: string[];
}

const MAX_ROLES = 100;

export function parseAppRoles(spec: string): AppRolesGrant {
  const grant: AppRolesGrant = {};
  for (const part of spec.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(graph|sharepoint)\s*=\s*(.*)$/i.exec(part);
    if (!m) throw new InvalidArgumentError(`'${part}': expected graph=Role,Role or sharepoint=Role,Role`);
    const roles = m[2]!.split(',').map((r) => r.trim()).filter(Boolean);
    if (roles.length > MAX_ROLES) throw new InvalidArgumentError(`at most ${MAX_ROLES} roles per resource`);
    const bad = roles.find((r) => !/^[A-Za-z][A-Za-z0-9.]*$/.test(r));
    if (bad) throw new InvalidArgumentError(`'${bad}' is not a permission name (such as Group.ReadWrite.All)`);
    grant[m[1]!.toLowerCase() as 'graph' | 'sharepoint'] = roles;
  }
  return grant;
}
