/**
 * SharePoint REST routes of themes and the site logo (entries of the table in routes.ts, relative to `_api`):
 *   ThemeManager/ApplyTheme                  POST {name, themeJson}
 *   ThemeManager/GetTenantThemingOptions     POST (SP.Utilities.ThemingOptions: hideDefaultThemes, themePreviews)
 *   ThemeManager/AddTenantTheme              POST {name, themeJson}
 *   SP.Web.GetContextWebThemeData            GET (the applied theme JSON as a string; null for the default theme)
 *   siteiconmanager/setsitelogo              POST {relativeLogoUrl, type} (the web entity shows SiteLogoUrl)
 * Tenant themes are `{ k: 'ia' }` `theme` ops (seeded: Botkyrka, Kontrast); a web's are in its settings record.
 */
import { isObj, type Res } from '../http.ts';
import type { SpRouteCtx } from './route-context.ts';
import type { SpRoute } from './route-table.ts';
import { body, iaContext, type IaContext } from './site-ia-context.ts';
import { apiBase } from './project.ts';
import { putWeb, webSettings } from './site-ia-web-settings.ts';

/** `GET _api/SP.Web.GetContextWebThemeData`: the theme JSON the web shows (null until a theme is applied: the default theme). */
function contextWebThemeData(c: IaContext): Res {
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
function applyTheme(c: IaContext): Res {
  const b = body(c, { method: 'ApplyTheme', params: { name: null, themeJson: null } });
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
function tenantThemingOptions(c: IaContext): Res {
  const previews = c.store.ia.tenantThemes().map((t) => ({ name: t.name, themeJson: t.themeJson }));
  const base = apiBase(c.store, c.site);
  return c.entity(
    { type: 'SP.Utilities.ThemingOptions', id: `${base}/thememanager/GetTenantThemingOptions`, editLink: 'thememanager/GetTenantThemingOptions', props: { hideDefaultThemes: false, themePreviews: previews } },
    'SP.Utilities.ThemingOptions',
  );
}

/** `POST _api/thememanager/AddTenantTheme` {name, themeJson}: adds a tenant theme; false when the name is taken. */
function addTenantTheme(c: IaContext): Res {
  const b = body(c, { method: 'AddTenantTheme', params: { name: null, themeJson: null } });
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
function setSiteLogo(c: IaContext): Res {
  const b = body(c, { method: 'SetSiteLogo', params: { relativeLogoUrl: null, type: null, aspect: null, focalx: null, focaly: null } });
  const url = typeof b.relativeLogoUrl === 'string' ? b.relativeLogoUrl : '';
  const type = b.type === undefined ? 0 : Number(b.type);
  if (type !== 0) return c.empty(200); // the thumbnail (type 1) is not modelled
  putWeb(c.store, { ...webSettings(c.store, c.site), siteLogoUrl: url || null });
  return c.empty(200);
}

const root = (run: (c: IaContext) => Res) => (ctx: SpRouteCtx): Res => run(iaContext(ctx, 'root'));

/** Relative to `_api`. */
export const THEME_ROUTES: SpRoute[] = [
  { method: 'POST', pattern: 'thememanager(*)/applytheme(*)', handler: root(applyTheme) },
  { method: ['POST', 'GET'], pattern: 'thememanager(*)/gettenantthemingoptions(*)', handler: root(tenantThemingOptions) },
  { method: 'POST', pattern: 'thememanager(*)/addtenanttheme(*)', handler: root(addTenantTheme) },
  { method: '*', pattern: 'sp.web.getcontextwebthemedata(*)', handler: root(contextWebThemeData) },
  { method: 'POST', pattern: 'siteiconmanager(*)/setsitelogo(*)', handler: root(setSiteLogo) },
];
