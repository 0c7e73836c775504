/**
 * What the user-creating tests share: an app-only Graph token taken with the local tenant's
 * client secret over plain HTTP (as any tool outside the engine takes one), and the app roles
 * `emulator start --app-roles` grants so that its app may create users (the engine's default
 * grant plus User.ReadWrite.All, as the README spells it). Tests only.
 */

/** The engine's default Graph roles plus User.ReadWrite.All, in `--app-roles` form: the README's string as written there. */
export const USER_WRITING_ROLES =
  'graph=Group.ReadWrite.All,Directory.Read.All,User.Read.All,User.ReadWrite.All,Sites.FullControl.All,Sites.ReadWrite.All,TeamSettings.ReadWrite.All,Team.Create,Channel.Create,TermStore.ReadWrite.All,TeamMember.ReadWrite.All,ChannelMember.ReadWrite.All';

/** A client-credentials token for Graph from the local tenant at `url`. */
export async function appSecretToken(url: string, app: { tenantId: string; clientId: string; clientSecret: string }): Promise<string> {
  const answer = await fetch(`${url}/${app.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}
