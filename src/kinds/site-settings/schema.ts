/**
 * The blueprint shape of a site's `settings:` (property bag, logo, regional settings, theme,
 * sensitivity label).
 */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';

function siteProps(): Record<string, JsonSchema> {
  return {
    settings: {
      type: 'object',
      title: 'Site settings',
      description: 'Property bag, logo, regional settings, theme and sensitivity label of the site. Only the stated ones are compared.',
      properties: {
        propertyBag: {
          type: 'object',
          title: 'Property bag',
          description: 'Web property bag entries (key: value). Only these keys are compared. Modern sites deny custom script, which the write needs: apply allows it on the site with --allow-custom-script.',
          propertyNames: { minLength: 1, maxLength: 255 },
          additionalProperties: { type: 'string' },
        },
        siteLogoUrl: { type: 'string', minLength: 1, title: 'Site logo', description: 'URL of the site logo.' },
        localeId: { type: 'integer', title: 'Locale', description: 'Regional settings locale id, e.g. 1053 (sv-SE).' },
        timeZoneId: { type: 'integer', minimum: 0, title: 'Time zone', description: 'SharePoint time zone id, e.g. 4 ((UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna).' },
        theme: {
          type: 'string',
          minLength: 1,
          title: 'Theme',
          description: 'Name of a tenant theme (Add-SPOTheme; listed by GetTenantThemingOptions), applied with ApplyTheme. Apply records the name in the property bag (m365provision.theme), which the plan compares.',
        },
        sensitivityLabel: {
          type: 'string',
          minLength: 1,
          title: 'Sensitivity label',
          description: 'Sensitivity label id or name. Applied on communication sites (tenant admin API). On a group-connected site the label is the group\'s, which Microsoft Graph sets only with delegated permissions: planned but not applied (warning BP566).',
        },
      },
      additionalProperties: false,
    },
  };
}

export const siteSettingsSchema: KindSchema = { siteProps: siteProps() };
