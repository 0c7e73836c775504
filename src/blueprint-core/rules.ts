/**
 * Names SharePoint and Entra ID accept. Each check returns `undefined` when the value is fine,
 * or a plain-language reason. Sources: Microsoft's "Restrictions and limitations in OneDrive and
 * SharePoint" (invalid characters, invalid file or folder names: `.lock`, `CON`, `PRN`, `AUX`,
 * `NUL`, `COM0`-`COM9`, `LPT0`-`LPT9`, `desktop.ini`, `~$`..., and `_vti_` anywhere) and KB 905231
 * "characters that you cannot use in site names" (also `+`; no leading `_` or `.`, no `..`).
 * Reasons quote the value shortened (`shown`), never at length.
 */
import { nameCharProblem, shown } from './names.ts';

const FORBIDDEN_URL_CHARS = /[~"#%&*:<>?/\\{|}]/;
const FORBIDDEN_SITE_CHARS = /[~"#%&*:<>?/\\{|}+]/;

/** Names SharePoint refuses for a file or folder (a list's URL is a folder of the site). */
const RESERVED_FOLDER_NAMES = /^(\.lock|con|prn|aux|nul|com[0-9]|lpt[0-9]|desktop\.ini)$/i;

/** `_vti_` is SharePoint's own (FrontPage Server Extensions) and may appear nowhere in a name. */
function vti(what: string, name: string): string | undefined {
  return /_vti_/i.test(name) ? `${what} contains '_vti_', which SharePoint reserves and refuses anywhere in a name` : undefined;
}

/** A title or display name: no control, bidi or zero-width characters (BP315). */
export function checkTitle(what: string, title: string): string | undefined {
  return nameCharProblem(what, title);
}

export function checkSiteUrl(url: string): string | undefined {
  const chars = nameCharProblem('site URL', url);
  if (chars) return chars;
  const m = /^\/(sites|teams)\/(.*)$/s.exec(url);
  if (!m) return `site URL '${shown(url)}' must be /sites/<name> or /teams/<name>`;
  const seg = m[2]!;
  if (seg === '') return `site URL '${url}' has no name after /${m[1]}/`;
  if (seg.length > 128) return `site URL name '${seg.slice(0, 20)}...' is ${seg.length} characters long (at most 128)`;
  const bad = FORBIDDEN_SITE_CHARS.exec(seg);
  if (bad) return `site URL '${url}' contains '${bad[0]}', which SharePoint does not allow in a site name (also not allowed: ~ " # % & * : < > ? / \\ { | } +)`;
  if (/\s/.test(seg)) return `site URL '${url}' contains a space`;
  if (seg.startsWith('.') || seg.endsWith('.')) return `site URL '${url}' must not start or end its name with a dot`;
  if (seg.includes('..')) return `site URL '${url}' must not contain '..'`;
  if (seg.startsWith('_')) return `site URL '${url}' must not start its name with _`;
  return vti(`site URL '${url}'`, seg);
}

/** List URL segments that SharePoint reserves inside a site. */
export const RESERVED_LIST_URLS = ['Forms', 'Lists', 'm', 'WorkflowTasks'];

export function checkListUrl(url: string): string | undefined {
  const chars = nameCharProblem('list URL', url);
  if (chars) return chars;
  if (url.length > 255) return `list URL is ${url.length} characters long (at most 255)`;
  const bad = FORBIDDEN_URL_CHARS.exec(url);
  if (bad) return `list URL '${url}' contains '${bad[0]}', which SharePoint does not allow (also not allowed: ~ " # % & * : < > ? / \\ { | })`;
  if (/^\s|\s$/.test(url)) return `list URL '${url}' must not start or end with a space`;
  if (url.startsWith('.') || url.endsWith('.')) return `list URL '${url}' must not start or end with a dot`;
  if (url.includes('..')) return `list URL '${url}' must not contain '..'`;
  if (url.startsWith('_')) return `list URL '${url}' must not start with _`;
  const reserved = RESERVED_LIST_URLS.find((r) => r.toLowerCase() === url.toLowerCase());
  if (reserved) return `list URL '${url}' is reserved by SharePoint`;
  if (RESERVED_FOLDER_NAMES.test(url)) return `list URL '${url}' is a name SharePoint refuses for a folder (.lock, CON, PRN, AUX, NUL, COM0-COM9, LPT0-LPT9, desktop.ini)`;
  return vti(`list URL '${url}'`, url);
}

/** Built-in field internal names a new column must not take (compared case-insensitively). */
export const RESERVED_COLUMN_NAMES = [
  'ID', 'Title', 'Created', 'Modified', 'Author', 'Editor', 'ContentType', 'ContentTypeId', 'FileLeafRef', 'FileRef',
  'FileDirRef', 'FSObjType', 'Attachments', 'LinkTitle', 'LinkTitleNoMenu', 'LinkFilename', 'LinkFilenameNoMenu', 'DocIcon',
  'GUID', 'UniqueId', 'Order', 'Edit', 'Name', 'Path', 'ItemChildCount', 'FolderChildCount', 'CheckoutUser', 'Version',
  'Owshiddenversion', 'WorkflowVersion', 'AppAuthor', 'AppEditor', 'ComplianceAssetId', 'SelectTitle', 'ServerUrl',
  'EncodedAbsUrl', 'BaseName', 'File_x0020_Type', 'HTML_x0020_File_x0020_Type', 'InstanceID', 'MetaInfo', 'ProgId',
  'ScopeId', 'SortBehavior', 'SyncClientId', 'Restricted', 'OriginatorId', 'NoExecute', 'ContentVersion',
  'Created_x0020_Date', 'Last_x0020_Modified', 'SMTotalSize', 'SMLastModifiedDate', 'SMTotalFileStreamSize',
  'SMTotalFileCount', 'ParentVersionString', 'ParentLeafName', 'CheckedOutUserId', 'IsCheckedoutToLocal',
  'CheckedOutTitle', 'VirusStatus', 'Modified_x0020_By', 'Created_x0020_By', 'FileSizeDisplay', 'PermMask',
];
const RESERVED_COLUMN_SET = new Set(RESERVED_COLUMN_NAMES.map((n) => n.toLowerCase()));

export function checkColumnName(name: string): string | undefined {
  if (name.length > 32) return `internal name '${shown(name, 32)}' is ${name.length} characters long (at most 32)`;
  const chars = nameCharProblem('internal name', name);
  if (chars) return chars;
  if (!/^[A-Za-z]/.test(name)) return `internal name '${name}' must start with a letter`;
  const bad = /[^A-Za-z0-9_]/.exec(name);
  if (bad) return `internal name '${name}' contains '${bad[0]}' (letters, digits and _ only; put spaces and accents in displayName)`;
  const v = vti(`internal name '${name}'`, name);
  if (v) return v;
  if (RESERVED_COLUMN_SET.has(name.toLowerCase())) return `internal name '${name}' is a built-in SharePoint field`;
  return undefined;
}

export function checkMailNickname(nick: string): string | undefined {
  if (nick.length === 0) return 'mailNickname is empty';
  if (nick.length > 64) return `mailNickname '${shown(nick, 64)}' is ${nick.length} characters long (at most 64)`;
  const chars = nameCharProblem('mailNickname', nick);
  if (chars) return chars;
  const bad = /[^A-Za-z0-9\-._]/.exec(nick);
  if (bad) return `mailNickname '${nick}' contains '${bad[0] === ' ' ? 'a space' : bad[0]}' (ASCII letters, digits, - . _ only)`;
  if (nick.startsWith('.')) return `mailNickname '${nick}' must not start with a dot`;
  return undefined;
}

const UPN = /^[A-Za-z0-9'_!#^~\-.+]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function checkUpn(upn: string): string | undefined {
  if (!UPN.test(upn)) return `'${shown(upn)}' is not a user principal name (name@domain, e.g. anna.andersson@contoso.onmicrosoft.com)`;
  const local = upn.slice(0, upn.indexOf('@'));
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return `'${upn}' is not a user principal name (misplaced dot)`;
  return undefined;
}

/** Locale ids of the languages SharePoint Online sites can be created in. */
export const SHAREPOINT_LCIDS: Record<number, string> = {
  1025: 'Arabic', 1026: 'Bulgarian', 1027: 'Catalan', 1028: 'Chinese (Traditional)', 1029: 'Czech', 1030: 'Danish',
  1031: 'German', 1032: 'Greek', 1033: 'English', 1035: 'Finnish', 1036: 'French', 1037: 'Hebrew', 1038: 'Hungarian',
  1040: 'Italian', 1041: 'Japanese', 1042: 'Korean', 1043: 'Dutch', 1044: 'Norwegian (Bokmål)', 1045: 'Polish',
  1046: 'Portuguese (Brazil)', 1048: 'Romanian', 1049: 'Russian', 1050: 'Croatian', 1051: 'Slovak', 1053: 'Swedish',
  1054: 'Thai', 1055: 'Turkish', 1057: 'Indonesian', 1058: 'Ukrainian', 1060: 'Slovenian', 1061: 'Estonian',
  1062: 'Latvian', 1063: 'Lithuanian', 1066: 'Vietnamese', 1068: 'Azerbaijani', 1069: 'Basque', 1071: 'Macedonian',
  1081: 'Hindi', 1086: 'Malay', 1087: 'Kazakh', 1106: 'Welsh', 1110: 'Galician', 1164: 'Dari', 2052: 'Chinese (Simplified)',
  2070: 'Portuguese (Portugal)', 2074: 'Serbian (Latin)', 2108: 'Irish', 3082: 'Spanish', 5146: 'Bosnian (Latin)',
  10266: 'Serbian (Cyrillic, Serbia)',
};

/**
 * Names longer than this get no "did you mean": a suggestion is for a typo in a name a person
 * types, and the distance is quadratic in the length. Keeps the work per call at most
 * MAX_SUGGEST_LENGTH x (2k+1) cells per candidate.
 */
export const MAX_SUGGEST_LENGTH = 64;
/** At most this many candidates are compared for one suggestion. */
export const MAX_SUGGEST_CANDIDATES = 2_000;

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive,
 * bounded: returns `limit + 1` as soon as the distance is known to exceed `limit` (length
 * difference, or a whole band row above the limit). Work is O(|x| * (2 * limit + 1)).
 */
export function levenshtein(x: string, y: string, limit = Math.max(x.length, y.length)): number {
  const a = x.toLowerCase();
  const b = y.toLowerCase();
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  const BIG = limit + 1;
  // Three rows: i-2, i-1, i. Cells outside the band |i - j| <= limit are BIG.
  let prev2 = new Array<number>(m + 1).fill(BIG);
  let prev = new Array<number>(m + 1).fill(BIG);
  let cur = new Array<number>(m + 1).fill(BIG);
  for (let j = 0; j <= Math.min(m, limit); j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur.fill(BIG);
    if (i <= limit) cur[0] = i;
    const lo = Math.max(1, i - limit);
    const hi = Math.min(m, i + limit);
    let rowMin = cur[0]!;
    for (let j = lo; j <= hi; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = Math.min(v, BIG);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > limit) return BIG;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m]!, BIG);
}

/**
 * The closest candidate, when it is close enough to be a likely typo (at most a third of the
 * shorter name's length, at least 1). Bounded: a word or candidate longer than
 * MAX_SUGGEST_LENGTH is not compared, and at most MAX_SUGGEST_CANDIDATES candidates are.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_SUGGEST_LENGTH) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  let seen = 0;
  for (const c of candidates) {
    if (++seen > MAX_SUGGEST_CANDIDATES) break;
    if (c.length > MAX_SUGGEST_LENGTH) continue;
    const allowed = Math.max(1, Math.floor(Math.min(word.length, c.length) / 3));
    const limit = Math.min(allowed, bestD - 1);
    if (limit < 0) continue;
    const d = levenshtein(word, c, limit);
    if (d <= limit && d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
