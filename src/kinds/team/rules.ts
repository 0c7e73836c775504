/**
 * The pure rules of a team: keyed by its site, owners used only at creation, each stated
 * setting (memberSettings.allowCreateUpdateChannels, ...) compared on its own; unstated ones
 * are left as the service has them.
 */
import { namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { TEAM_SETTINGS, teamDeclaration, type TeamSettings } from './model.ts';

export const teamRules: KindRules<'team'> = {
  kind: teamDeclaration.kind,
  api: 'Graph POST /teams (202 + teamsAsyncOperation), GET/PATCH /teams/{id}',
  identity: ['siteUrl'],
  parentKinds: teamDeclaration.parentKinds,
  createOnly: ['owners'],
  partialMaps: TEAM_SETTINGS,
  same(name, desired, observed) {
    if (!(TEAM_SETTINGS as readonly string[]).includes(name)) return undefined;
    const have = (observed ?? {}) as TeamSettings;
    return Object.entries(desired as TeamSettings).every(([k, v]) => have[k] === v);
  },
  principals(p) {
    return namedUsers('team owner', p.owners);
  },
};
