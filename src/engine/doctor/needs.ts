/**
 * What a blueprint needs from the app, derived from what it contains (pure): the Graph and
 * SharePoint permissions of the kinds it declares, and which other probes matter (the term
 * store, the tenant admin host, SharePoint itself).
 */
import type { Desired } from '../../model/resources.ts';
import { principalRefs } from '../principals/collect.ts';
import { NEEDS, type NeedKey, type PermissionNeed } from './permissions.ts';
import { entraGroupRefs } from '../principals/entra-groups-check.ts';

export interface BlueprintNeeds {
  permissions: PermissionNeed[];
  /** SharePoint REST or CSOM is called (any site content). */
  sharePoint: boolean;
  /**
   * The tenant admin host is called: sharing, sensitivity labels of communication sites, and
   * custom script (property bag and theme writes need it allowed on modern sites, which is done
   * through the admin host).
   */
  adminHost: boolean;
  /**
   * The tenant admin host helps but is not needed (team sites: their plan reads the recycle bin
   * and lists the tenant's sites there, and goes on without them); false when `adminHost`.
   */
  adminHostAdvised: boolean;
  /** Term groups, sets or terms are written. */
  termStore: boolean;
}

const SITE_KINDS = new Set(['teamSite', 'commSite', 'list', 'column', 'contentType', 'listContentType', 'view', 'navigationNode', 'hubSite', 'hubAssociation', 'siteSettings', 'siteGroup', 'roleDefinition', 'permissionScope', 'roleAssignment', 'siteSharing']);

export function needsOf(desired: Desired): BlueprintNeeds {
  const kinds = new Set<string>(desired.resources.map((r) => r.kind));
  const keys: NeedKey[] = [];
  const sharePoint = desired.resources.some((r) => SITE_KINDS.has(r.kind));
  if (sharePoint) keys.push('sitesGraph', 'sitesSharePoint');
  if (kinds.has('teamSite')) keys.push('groups');
  if (principalRefs(desired.resources).length > 0 || kinds.has('teamSite')) keys.push('users');
  // Entra groups named as principals or members (`entra:…`) are found through Graph
  if (entraGroupRefs(desired.resources).length > 0) keys.push('entraGroups');
  if (kinds.has('team')) keys.push('teamCreate', 'teamSettings');
  // A team's owners and members are read and written on its group.
  if (kinds.has('teamMember')) keys.push('groups');
  if (kinds.has('channel')) keys.push('channelCreate', 'channelSettings', 'channelDelete');
  if (desired.resources.some((r) => r.kind === 'channel' && (r.props.owners?.length || r.props.members?.length))) keys.push('channelMembers');
  if (kinds.has('tab')) keys.push('tabs');
  // the plan reads the tenant's recycle bin for a communication site it does not find (kinds/shared/recycle-bin.ts)
  const adminHost =
    kinds.has('siteSharing') ||
    kinds.has('commSite') ||
    desired.resources.some(
      (r) =>
        r.kind === 'siteSettings' &&
        ((r.props.sensitivityLabel !== undefined && !r.props.groupConnected) || r.props.propertyBag !== undefined || r.props.theme !== undefined),
    );
  const termStore = kinds.has('termGroup') || kinds.has('termSet') || kinds.has('term');
  // a team site's plan reads the recycle bin and lists the tenant's sites there, and goes on without (team-site/sites-at-urls.ts)
  const adminHostAdvised = !adminHost && kinds.has('teamSite');
  return { permissions: [...new Set(keys)].map((k) => NEEDS[k]), sharePoint: sharePoint || termStore, adminHost, adminHostAdvised, termStore };
}
