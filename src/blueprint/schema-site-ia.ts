/**
 * The blueprint shape of hub sites and site settings (on sites). Part of the one blueprint
 * schema: schema.ts spreads `siteIaProps()` into a site's properties. (Views and navigation:
 * src/kinds/view/schema.ts, src/kinds/navigation-node/schema.ts.)
 */
import { navNodesSchema } from '../kinds/navigation-node/schema.ts';
import type { JsonSchema } from './schema.ts';

export function siteIaProps(): Record<string, JsonSchema> {
  const nodes = navNodesSchema;
  return {
    hub: {
      type: 'object',
      title: 'Hub site',
      description: 'Registers this site as a hub site (needs SharePoint admin rights on a real tenant).',
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 256, title: 'Title', description: 'The hub\'s name in the hub navigation. Default: the site title.' },
        logo: { type: 'string', minLength: 1, title: 'Logo', description: 'URL of the hub logo.' },
        description: { type: 'string', maxLength: 1024, title: 'Description', description: 'Description of the hub.' },
        navigation: nodes('hub navigation (the hub site\'s top navigation bar)'),
      },
      additionalProperties: false,
    },
    hubSite: { type: 'string', minLength: 1, title: 'Hub site', description: 'Server-relative URL of a hub site (declared with `hub:`) that this site joins.' },
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
