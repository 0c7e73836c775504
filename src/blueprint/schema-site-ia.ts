/**
 * The blueprint shape of views (on lists), navigation, hub sites and site settings (on sites).
 * Part of the one blueprint schema: schema.ts spreads `listIaProps()` into a list's properties,
 * `siteIaProps()` into a site's, and `siteIaDefs()` into the definitions.
 */
import type { JsonSchema } from './schema-common.ts';

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

const SCALAR: JsonSchema = { type: ['string', 'number', 'boolean'] };

export const FILTER_OPS = ['eq', 'neq', 'gt', 'lt', 'geq', 'leq', 'contains', 'beginsWith'] as const;

export function siteIaDefs(): Record<string, JsonSchema> {
  const comparison: JsonSchema = {
    type: 'object',
    title: 'Comparison',
    description: 'A comparison on one column: `column` and one operator key (eq, neq, gt, lt, geq, leq, contains, beginsWith with a value; isNull or isNotNull: true).',
    properties: {
      column: { type: 'string', minLength: 1, title: 'Column', description: 'Internal name of the column.' },
      ...Object.fromEntries(FILTER_OPS.map((op) => [op, { ...SCALAR, title: op, description: `The column's value is ${op} this value.` }])),
      isNull: { const: true, title: 'Is empty', description: 'The column has no value.' },
      isNotNull: { const: true, title: 'Is not empty', description: 'The column has a value.' },
    },
    required: ['column'],
    minProperties: 2,
    maxProperties: 2,
    additionalProperties: false,
  };
  return {
    viewFilter: {
      title: 'View filter',
      description: 'A filter of a view (CAML <Where>): a comparison, or `and:` / `or:` of filters.',
      anyOf: [
        comparison,
        { type: 'object', properties: { and: { type: 'array', minItems: 1, items: ref('viewFilter') } }, required: ['and'], additionalProperties: false },
        { type: 'object', properties: { or: { type: 'array', minItems: 1, items: ref('viewFilter') } }, required: ['or'], additionalProperties: false },
      ],
    },
    view: {
      type: 'object',
      title: 'View',
      description: 'A public view of the list.',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 255, title: 'Name', description: 'The view title: its identity in the list.' },
        columns: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          title: 'Columns',
          description: 'View fields by internal name, in order (list columns or built-ins such as LinkTitle, DocIcon, LinkFilename, Modified, Editor).',
        },
        orderBy: {
          type: 'array',
          title: 'Sort',
          description: 'Sort columns in order; `[]` for none.',
          items: {
            type: 'object',
            properties: {
              column: { type: 'string', minLength: 1, title: 'Column', description: 'Internal name of the column.' },
              ascending: { type: 'boolean', title: 'Ascending', description: 'Default: true.' },
            },
            required: ['column'],
            additionalProperties: false,
          },
        },
        filter: { ...ref('viewFilter') },
        groupBy: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 2, title: 'Group by', description: 'At most two columns to group by; `[]` for none.' },
        collapsed: { type: 'boolean', title: 'Groups collapsed', description: 'Whether the groups start collapsed (with groupBy).' },
        rowLimit: { type: 'integer', minimum: 1, maximum: 5000, title: 'Row limit', description: 'Items per page (1-5000).' },
        paged: { type: 'boolean', title: 'Paged', description: 'Whether the view pages through the items (true) or shows only the first rowLimit items.' },
        default: { type: 'boolean', title: 'Default view', description: 'true: the list\'s default view (at most one per list).' },
      },
      required: ['name'],
      additionalProperties: false,
    },
    navNode: {
      type: 'object',
      title: 'Navigation node',
      description: 'A link in a navigation, with child links one level deep.',
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 255, title: 'Title', description: 'The link text: its identity among its siblings.' },
        url: { type: 'string', minLength: 1, title: 'URL', description: 'Server-relative (/sites/x) or absolute URL.' },
        children: {
          type: 'array',
          title: 'Children',
          description: 'Child links (one level).',
          items: {
            type: 'object',
            properties: {
              title: { type: 'string', minLength: 1, maxLength: 255, title: 'Title', description: 'The link text: its identity among its siblings.' },
              url: { type: 'string', minLength: 1, title: 'URL', description: 'Server-relative or absolute URL.' },
            },
            required: ['title'],
            additionalProperties: false,
          },
        },
      },
      required: ['title'],
      additionalProperties: false,
    },
  };
}

export function listIaProps(): Record<string, JsonSchema> {
  return {
    views: { type: 'array', items: ref('view'), title: 'Views', description: 'Public views of the list. Only the stated properties are compared.' },
  };
}

export function siteIaProps(): Record<string, JsonSchema> {
  const nodes = (where: string): JsonSchema => ({ type: 'array', items: ref('navNode'), title: where, description: `Links of the ${where}, in order.` });
  return {
    navigation: {
      type: 'object',
      title: 'Navigation',
      description: 'The site\'s navigation links. Links the blueprint does not list are left alone; only the order of the listed ones is compared.',
      properties: { quickLaunch: nodes('quick launch'), topNavigation: nodes('top navigation bar') },
      additionalProperties: false,
    },
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
