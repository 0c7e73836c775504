/**
 * The options that shape the in-process local tenant, shared by `plan` and `apply`
 * (`provision emulator start` has the same ones without the prefix). Each may also come from
 * the environment: PROVISION_LOCAL_PROFILE, PROVISION_LOCAL_TIME_SCALE, PROVISION_LOCAL_LICENCES,
 * PROVISION_LOCAL_FAULTS, PROVISION_LOCAL_DIRECTORY_LAG, PROVISION_LOCAL_APP_ROLES.
 */
import { Option, type Command } from 'commander';
import type { LocalBehaviour } from '../tenant/target.ts';
import { atLeastOne, existingFile, lagSeconds, positiveNumber } from './option-parsers.ts';
import { parseAppRoles, type AppRolesGrant } from './app-roles-option.ts';

export function addLocalOptions(command: Command): Command {
  return command
    .addOption(new Option('--local-profile <profile>', 'local tenant: instant or realistic').choices(['instant', 'realistic']).env('PROVISION_LOCAL_PROFILE'))
    .addOption(new Option('--local-time-scale <n>', 'local tenant: compress its clock n times').argParser(positiveNumber).env('PROVISION_LOCAL_TIME_SCALE'))
    .addOption(new Option('--local-licences <n>', "local tenant: licences (selects the throttle budget's band)").argParser(atLeastOne).env('PROVISION_LOCAL_LICENCES'))
    .addOption(new Option('--local-faults <file>', 'local tenant: a faults file (JSON or YAML)').argParser(existingFile).env('PROVISION_LOCAL_FAULTS'))
    .addOption(
      new Option('--local-directory-lag <seconds>', 'local tenant: simulated seconds (median) a new group is missing from $filter lookups; 0 = off').argParser(lagSeconds).env('PROVISION_LOCAL_DIRECTORY_LAG'),
    )
    .addOption(
      new Option('--local-app-roles <spec>', "local tenant: the app roles its app is granted, e.g. 'graph=Group.ReadWrite.All,User.Read.All;sharepoint=Sites.FullControl.All' (when this process starts it)")
        .argParser(parseAppRoles)
        .env('PROVISION_LOCAL_APP_ROLES'),
    );
}

export interface LocalOptionValues {
  localProfile?: 'instant' | 'realistic';
  localTimeScale?: number;
  localLicences?: number;
  localFaults?: string;
  localDirectoryLag?: number;
  localAppRoles?: AppRolesGrant;
}

export function localBehaviourOf(options: LocalOptionValues): LocalBehaviour {
  return {
    ...(options.localProfile ? { profile: options.localProfile } : {}),
    ...(options.localTimeScale ? { timeScale: options.localTimeScale } : {}),
    ...(options.localLicences ? { licences: options.localLicences } : {}),
    ...(options.localFaults ? { faults: options.localFaults } : {}),
    ...(options.localDirectoryLag !== undefined ? { directoryLag: options.localDirectoryLag * 1000 } : {}),
    ...(options.localAppRoles ? { appRoles: options.localAppRoles } : {}),
  };
}
