/**
 * Names SharePoint and Entra ID accept. Each check returns `undefined` when the value is fine,
 * or a plain-language reason.
 */

const FORBIDDEN_URL_CHARS = /[~"#%&*:<>?/\\{|}]/;

export function checkSiteUrl(url: string): string | undefined {
  const m = /^\/(sites|teams)\/(.*)$/.exec(url);
  if (!m) return `site URL '${url}' must be /sites/<name> or /teams/<name>`;
  const seg = m[2]!;
  if (seg === '') return `site URL '${url}' has no name after /${m[1]}/`;
  const bad = FORBIDDEN_URL_CHARS.exec(seg);
  if (bad) return `site URL '${url}' contains '${bad[0]}', which SharePoint does not allow in a site name (also not allowed: ~ " # % & * : < > ? / \\ { | })`;
  if (/\s/.test(seg)) return `site URL '${url}' contains a space`;
  if (seg.startsWith('.') || seg.endsWith('.')) return `site URL '${url}' must not start or end its name with a dot`;
  if (seg.length > 128) return `site URL name '${seg.slice(0, 20)}...' is ${seg.length} characters long (at most 128)`;
  return undefined;
}

/** List URL segments that SharePoint reserves inside a site. */
export const RESERVED_LIST_URLS = ['Forms', 'Lists', 'm', 'WorkflowTasks'];

export function checkListUrl(url: string): string | undefined {
  const bad = FORBIDDEN_URL_CHARS.exec(url);
  if (bad) return `list URL '${url}' contains '${bad[0]}', which SharePoint does not allow (also not allowed: ~ " # % & * : < > ? / \\ { | })`;
  if (url.length > 255) return `list URL is ${url.length} characters long (at most 255)`;
  if (/^\s|\s$/.test(url)) return `list URL '${url}' must not start or end with a space`;
  if (url.startsWith('.') || url.endsWith('.')) return `list URL '${url}' must not start or end with a dot`;
  if (url.includes('..')) return `list URL '${url}' must not contain '..'`;
  if (url.startsWith('_')) return `list URL '${url}' must not start with _`;
  const reserved = RESERVED_LIST_URLS.find((r) => r.toLowerCase() === url.toLowerCase());
  if (reserved) return `list URL '${url}' is reserved by SharePoint`;
  return undefined;
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
  if (name.length > 32) return `internal name '${name}' is ${name.length} characters long (at most 32)`;
  if (!/^[A-Za-z]/.test(name)) return `internal name '${name}' must start with a letter`;
  const bad = /[^A-Za-z0-9_]/.exec(name);
  if (bad) return `internal name '${name}' contains '${bad[0]}' (letters, digits and _ only; put spaces and accents in displayName)`;
  if (RESERVED_COLUMN_SET.has(name.toLowerCase())) return `internal name '${name}' is a built-in SharePoint field`;
  return undefined;
}

export function checkMailNickname(nick: string): string | undefined {
  if (nick.length === 0) return 'mailNickname is empty';
  if (nick.length > 64) return `mailNickname '${nick}' is ${nick.length} characters long (at most 64)`;
  const bad = /[^A-Za-z0-9\-._]/.exec(nick);
  if (bad) return `mailNickname '${nick}' contains '${bad[0] === ' ' ? 'a space' : bad[0]}' (ASCII letters, digits, - . _ only)`;
  if (nick.startsWith('.')) return `mailNickname '${nick}' must not start with a dot`;
  return undefined;
}

const UPN = /^[A-Za-z0-9'_!#^~\-.+]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function checkUpn(upn: string): string | undefined {
  if (!UPN.test(upn)) return `'${upn}' is not a user principal name (name@domain, e.g. anna.andersson@contoso.onmicrosoft.com)`;
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

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive. */
export function levenshtein(x: string, y: string): number {
  const a = x.toLowerCase();
  const b = y.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate, when it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  return bestD <= Math.max(1, Math.floor(Math.min(word.length, best.length) / 3)) ? best : undefined;
}
