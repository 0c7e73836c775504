/**
 * A web's settings record (`WebSettingsRec` of ../site-ia.ts: property bag, regional settings,
 * theme, logo, hub, label; one `{ k: 'ia' }` `web` op per change) and its SharePoint REST routes,
 * entries of the table in routes.ts (relative to the web):
 *   web/AllProperties                        GET (the property bag, keys in their OData names)
 *   web/RegionalSettings, .../TimeZone, .../TimeZones[(id)]   GET
 * The property bag and regional settings are written through CSOM (csom-web.ts).
 */
import type { Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { TIME_ZONES, type WebSettingsRec } from '../site-ia.ts';
import { settingsOf } from './custom-script.ts';
import { apiBase, type SpEntity } from './project.ts';
import type { SpRouteCtx } from './route-context.ts';
import type { SpRoute } from './route-table.ts';
import { iaContext, type IaContext } from './site-ia-context.ts';

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** The web's settings record (defaults until its first change). */
export function webSettings(store: Store, site: SiteRec): WebSettingsRec {
  return settingsOf(store, site);
}

/** Stores a web's settings record (one `ia` op). */
export function putWeb(store: Store, v: WebSettingsRec): void {
  store.commit({ k: 'ia', op: { t: 'web', v } });
}

/** The web's property bag as CSOM shows it (raw keys), with the keys SharePoint itself keeps there. */
export function webPropertyBag(store: Store, site: SiteRec): Record<string, unknown> {
  const web = webSettings(store, site);
  return { vti_defaultlanguage: localeName(web.localeId ?? site.lcid), vti_createdassociategroups: '', ...web.props };
}

export function allPropertiesEntity(store: Store, site: SiteRec): SpEntity {
  const props: Record<string, unknown> = {};
  // the OData names of property bag keys encode characters that are not valid in an identifier
  for (const [k, v] of Object.entries(webPropertyBag(store, site))) props[odataKey(k)] = v;
  return { type: 'SP.PropertyValues', id: `${apiBase(store, site)}/Web/AllProperties`, editLink: 'Web/AllProperties', props };
}

/** `m365provision.owner` -> `m365provision_x002e_owner`, as SharePoint names property bag keys in OData. */
export function odataKey(k: string): string {
  let out = '';
  for (const ch of k) out += /[A-Za-z0-9_]/.test(ch) ? ch : `_x${ch.codePointAt(0)!.toString(16).padStart(4, '0')}_`;
  if (/^[0-9]/.test(out)) out = `OData_${out}`;
  return out;
}

/** Locale ids the regional settings accept (the SharePoint languages and common regional variants). */
export const LOCALES: Record<number, string> = {
  1025: 'ar-sa', 1026: 'bg-bg', 1027: 'ca-es', 1028: 'zh-tw', 1029: 'cs-cz', 1030: 'da-dk', 1031: 'de-de', 1032: 'el-gr', 1033: 'en-us',
  1035: 'fi-fi', 1036: 'fr-fr', 1037: 'he-il', 1038: 'hu-hu', 1039: 'is-is', 1040: 'it-it', 1041: 'ja-jp', 1042: 'ko-kr', 1043: 'nl-nl',
  1044: 'nb-no', 1045: 'pl-pl', 1046: 'pt-br', 1048: 'ro-ro', 1049: 'ru-ru', 1050: 'hr-hr', 1051: 'sk-sk', 1053: 'sv-se', 1054: 'th-th',
  1055: 'tr-tr', 1057: 'id-id', 1058: 'uk-ua', 1060: 'sl-si', 1061: 'et-ee', 1062: 'lv-lv', 1063: 'lt-lt', 1066: 'vi-vn', 1068: 'az-latn-az',
  1069: 'eu-es', 1071: 'mk-mk', 1081: 'hi-in', 1086: 'ms-my', 1087: 'kk-kz', 1106: 'cy-gb', 1110: 'gl-es', 1164: 'prs-af', 2052: 'zh-cn',
  2055: 'de-ch', 2057: 'en-gb', 2060: 'fr-be', 2067: 'nl-be', 2068: 'nn-no', 2070: 'pt-pt', 2074: 'sr-latn-rs', 2077: 'sv-fi', 2108: 'ga-ie',
  3079: 'de-at', 3081: 'en-au', 3082: 'es-es', 3084: 'fr-ca', 4105: 'en-ca', 4108: 'fr-ch', 5129: 'en-nz', 5146: 'bs-latn-ba', 6153: 'en-ie',
  10266: 'sr-cyrl-rs',
};

function localeName(lcid: number): string {
  return LOCALES[lcid] ?? 'en-us';
}

function regional(c: IaContext, names: string[]): Res {
  const web = webSettings(c.store, c.site);
  const base = apiBase(c.store, c.site);
  const tz = (id: number): SpEntity => {
    const t = TIME_ZONES[id] ?? { description: `Time zone ${id}`, bias: 0, daylightBias: 0 };
    return {
      type: 'SP.TimeZone',
      id: `${base}/Web/RegionalSettings/TimeZones(${id})`,
      editLink: `Web/RegionalSettings/TimeZones(${id})`,
      props: { Description: t.description, Id: id, Information: { Bias: t.bias, DaylightBias: t.daylightBias, StandardBias: 0 } },
    };
  };
  if (names.length === 2) {
    const lcid = web.localeId ?? c.site.lcid;
    const sv = lcid === 1053;
    return c.entity(
      {
        type: 'SP.RegionalSettings',
        id: `${base}/Web/RegionalSettings`,
        editLink: 'Web/RegionalSettings',
        props: {
          AdjustHijriDays: 0,
          AlternateCalendarType: 0,
          AM: sv ? 'fm' : 'AM',
          CalendarType: 1,
          Collation: 25,
          CollationLCID: 2070,
          DateFormat: 0,
          DateSeparator: sv ? '-' : '/',
          DecimalSeparator: sv ? ',' : '.',
          DigitGrouping: '3;0',
          FirstDayOfWeek: sv ? 1 : 0,
          FirstWeekOfYear: sv ? 2 : 0,
          IsEastAsia: false,
          IsRightToLeft: false,
          IsUIRightToLeft: false,
          ListSeparator: sv ? ';' : ',',
          LocaleId: lcid,
          NegativeSign: '-',
          NegNumberMode: 1,
          PM: sv ? 'em' : 'PM',
          PositiveSign: '',
          ShowWeeks: false,
          ThousandSeparator: sv ? '\u00a0' : ',',
          Time24: sv,
          TimeMarkerPosition: 0,
          TimeSeparator: ':',
          WorkDayEndHour: 1020,
          WorkDays: 62,
          WorkDayStartHour: 480,
        },
        navs: { TimeZone: () => tz(web.timeZoneId) },
      },
      'SP.ApiData.RegionalSettingss',
    );
  }
  if (names[2] === 'timezone' && names.length === 3) return c.entity(tz(web.timeZoneId), 'SP.ApiData.TimeZones');
  if (names[2] === 'timezones' && names.length === 3) {
    if (c.segs[2]!.arg !== null) return c.entity(tz(Number(c.arg(c.segs[2]!.arg))), 'SP.ApiData.TimeZones');
    return c.collection(Object.keys(TIME_ZONES).map((k) => tz(Number(k))), 'SP.ApiData.TimeZones');
  }
  throw c.error(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${c.segs[2]?.name}.`);
}

/** The regional settings as the path names them. */
function regionalRoute(ctx: SpRouteCtx): Res {
  const c = iaContext(ctx, 'web');
  return regional(c, c.segs.map((s) => s.name.toLowerCase()));
}

/** Relative to the web. */
export const WEB_SETTINGS_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'allproperties(*)', handler: (ctx) => ctx.entity(allPropertiesEntity(ctx.store, ctx.site), 'SP.ApiData.PropertyValues') },
  { method: 'GET', pattern: 'regionalsettings(*)', handler: regionalRoute },
  { method: 'GET', pattern: 'regionalsettings(*)/timezone(*)', handler: regionalRoute },
  { method: 'GET', pattern: 'regionalsettings(*)/timezones(*)', handler: regionalRoute },
];
