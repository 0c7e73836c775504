/**
 * SharePoint REST routes of themes and the site logo, dispatched by site-ia.ts:
 *   ThemeManager/ApplyTheme                  POST {name, themeJson}
 *   ThemeManager/GetTenantThemingOptions     POST (SP.Utilities.ThemingOptions: hideDefaultThemes, themePreviews)
 *   ThemeManager/AddTenantTheme              POST {name, themeJson}
 *   SP.Web.GetContextWebThemeData            GET (the applied theme JSON as a string; null for the default theme)
 *   siteiconmanager/setsitelogo              POST {relativeLogoUrl, type} (the web entity shows SiteLogoUrl)
 * Tenant themes are `{ k: 'ia' }` `theme` ops (seeded: Botkyrka, Kontrast); a web's are in its settings record.
 */
import { isObj, type Res } from '../http.ts';
import { body, notAllowed, type IaContext } from './site-ia-context.ts';
import { apiBase } from './project.ts';
import { putWeb, webSettings } from './site-ia-web-settings.ts';

/** `GET _api/SP.Web.GetContextWebThemeData`: the theme JSON the web shows (null until a theme is applied: the default theme). */
export function contextWebThemeData(c: IaContext): Res {
  return c.value('GetContextWebThemeData', 'Edm.String', webSettings(c.store, c.site).themeJson ?? null);
}

/** A theme JSON string with a palette object, or an error (the service's ArgumentException). */
function themeJsonOf(c: IaContext, v: unknown): string {
  let parsed: unknown;
  try {
    parsed = typeof v === 'string' ? JSON.parse(v) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isObj(parsed) || !isObj(parsed.palette)) throw c.error(400, '-2147024809, System.ArgumentException', 'The theme JSON is not valid: it must be a JSON string with a palette.');
  return v as string;
}

/**
 * `POST _api/thememanager/ApplyTheme` {name, themeJson}: applies the palette to the web. The web
 * keeps the palette; the name is kept here only for tests (the service does not show it).
 */
export function applyTheme(c: IaContext): Res {
  if (c.method !== 'POST') throw notAllowed(c);
  const b = body(c);
  const name = typeof b.name === 'string' ? b.name : '';
  if (!name) throw c.error(400, '-2147024809, System.ArgumentException', 'The theme name cannot be empty.');
  const themeJson = themeJsonOf(c, b.themeJson);
  putWeb(c.store, { ...webSettings(c.store, c.site), theme: name, themeJson });
  return c.value('ApplyTheme', 'Edm.Boolean', true);
}

/**
 * `POST _api/thememanager/GetTenantThemingOptions`: SP.Utilities.ThemingOptions, the tenant's
 * custom themes (`themePreviews`: name + themeJson). The built-in SharePoint themes are not listed.
 */
export function tenantThemingOptions(c: IaContext): Res {
  if (c.method !== 'POST' && c.method !== 'GET') throw notAllowed(c);
  const previews = c.store.ia.tenantThemes().map((t) => ({ name: t.name, themeJson: t.themeJson }));
  const base = apiBase(c.store, c.site);
  return c.entity(
    { type: 'SP.Utilities.ThemingOptions', id: `${base}/thememanager/GetTenantThemingOptions`, editLink: 'thememanager/GetTenantThemingOptions', props: { hideDefaultThemes: false, themePreviews: previews } },
    'SP.Utilities.ThemingOptions',
  );
}

/** `POST _api/thememanager/AddTenantTheme` {name, themeJson}: adds a tenant theme; false when the name is taken. */
export function addTenantTheme(c: IaContext): Res {
  if (c.method !== 'POST') throw notAllowed(c);
  const b = body(c);
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name) throw c.error(400, '-2147024809, System.ArgumentException', 'The theme name cannot be empty.');
  const themeJson = themeJsonOf(c, b.themeJson);
  if (c.store.ia.tenantThemes().some((t) => t.name.toLowerCase() === name.toLowerCase())) return c.value('AddTenantTheme', 'Edm.Boolean', false);
  c.store.commit({ k: 'ia', op: { t: 'theme', v: { name, themeJson } } });
  return c.value('AddTenantTheme', 'Edm.Boolean', true);
}

/**
 * `POST _api/siteiconmanager/setsitelogo` {relativeLogoUrl, type, aspect}: sets the site logo
 * (type 0); the web's SiteLogoUrl shows it. An empty URL removes the logo.
 */
export function setSiteLogo(c: IaContext): Res {
  if (c.method !== 'POST') throw notAllowed(c);
  const b = body(c);
  const url = typeof b.relativeLogoUrl === 'string' ? b.relativeLogoUrl : '';
  const type = b.type === undefined ? 0 : Number(b.type);
  if (type !== 0) return c.empty(200); // the thumbnail (type 1) is not modelled
  putWeb(c.store, { ...webSettings(c.store, c.site), siteLogoUrl: url || null });
  return c.empty(200);
}
