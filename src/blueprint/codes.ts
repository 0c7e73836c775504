/**
 * Diagnostic codes of the blueprint loader. Stable: tools and people search for them. Every code
 * is documented in docs/blueprint.md (a test checks that the table lists each one).
 */
export const CODES = {
  // BP1xx: the file, YAML syntax and limits
  BP100: 'file cannot be read',
  BP101: 'file too large',
  BP102: 'YAML syntax error',
  BP103: 'more than one YAML document',
  BP104: 'duplicate key',
  BP105: 'too many aliases (alias bomb)',
  BP106: 'version missing or unsupported',
  BP107: 'blueprint is empty or not a mapping',
  // BP2xx: schema
  BP201: 'unknown property',
  BP202: 'missing required property',
  BP203: 'wrong type',
  BP204: 'value not allowed',
  BP205: 'constraint not met (length, count, pattern)',
  // BP3xx: semantic
  BP301: 'duplicate address',
  BP302: 'duplicate group mailNickname',
  BP303: 'unknown shared column',
  BP304: 'invalid site URL',
  BP305: 'invalid list URL',
  BP306: 'invalid column internal name',
  BP307: 'invalid mailNickname',
  BP308: 'invalid user principal name',
  BP309: 'unknown locale id',
  BP310: 'conflicting column definitions',
  BP311: 'invalid choices or default',
  BP312: 'property not allowed for this site type',
  BP313: 'duplicate user',
  BP314: 'team site URL differs from its mailNickname',
  // BP4xx: templates, rows and CSV
  BP401: 'unknown template',
  BP402: 'rows file cannot be read',
  BP403: 'CSV syntax error',
  BP404: 'rows file too large or too many rows',
  BP405: 'placeholder names a field the row does not have',
  BP406: 'malformed or misplaced placeholder',
  BP407: 'invalid CSV header',
  BP408: 'template never used',
  BP409: 'no rows',
  // BP52x: content types and managed metadata
  BP520: 'unknown content type, or not a content type of the site',
  BP521: 'content type links a column that is not a site column of the site',
  BP522: 'default content type not among the list content types',
  BP523: 'taxonomy column without a declared term set',
  BP524: 'duplicate term group, term set or term name',
  BP525: 'taxonomy property on another column type, or an unsupported taxonomy default',
  // BP53x: permissions and sharing
  BP530: 'a custom permission level has a built-in level\'s name',
  BP531: 'unknown permission level',
  BP532: 'role assignments on a list that inherits',
  BP533: 'a site cannot inherit permissions',
  BP534: 'a declared group has the name of one of the site\'s own groups',
  BP536: 'principal is neither a declared group nor one of the site\'s own groups',
  // BP56x: views, navigation, hub sites, site settings
  BP560: 'view names a column the list does not have',
  BP561: 'more than one default view in a list',
  BP562: 'invalid view filter',
  BP563: 'hub navigation and topNavigation on one site',
  BP564: 'hubSite does not name a declared hub site',
  BP565: 'site is a hub and joins a hub',
  BP566: 'setting not applied by this version',
  // BP50x: Microsoft Teams
  BP501: 'team on a site that is not a team site',
  BP502: 'invalid channel or tab name',
  BP503: 'private or shared channel without an owner',
  BP504: 'channel owners or members on a standard channel',
  BP505: 'the General channel cannot be private or shared',
  BP506: 'invalid tab (website and library, URL)',
  BP507: 'library tab names a library the site does not declare',
} as const;

export type Code = keyof typeof CODES;
