/**
 * What the user-creating tests share: an app-only Graph token taken with the local tenant's
 * client secret over plain HTTP (as any tool outside the engine takes one), and the app roles
 * `emulator start --app-roles` grants so that its app may create users (the engine's default
 * grant plus User.ReadWrite.All, as the README spells it). Tests only.
 */
import { localAppToken } from '../../src/cli/local-app-token.ts';

/** The engine's default Graph roles plus User.ReadWrite.All, in `--app-roles` form: the README's string as written there. */
export const USER_WRITING_ROLES =
  'graph=Group.ReadWrite.All,Directory.Read.All,User.Read.All,User.ReadWrite.All,Sites.FullControl.All,Sites.ReadWrite.All,TeamSettings.ReadWrite.All,Team.Create,Channel.Create,TermStore.ReadWrite.All,TeamMember.ReadWrite.All,ChannelMember.ReadWrite.All';

/** A client-credentials token for Graph from the local tenant at `url` (the product's own: src/cli/local-app-token.ts). */
export function appSecretToken(url: string, app: { tenantId: string; clientId: string; clientSecret: string }): Promise<string> {
  return localAppToken({ url, ...app });
}
