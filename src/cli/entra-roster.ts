/**
 * A staff roster in the CSV form of Microsoft Entra's "Bulk create users" (the template the admin
 * center downloads; Microsoft's page users-bulk-add): a version row (`version:v1.0`), a row of
 * column headings `<Item name> [property] <Required or blank>` such as `Name [displayName]
 * Required`, then one user a row. Columns are recognised by the property in brackets (older
 * templates word the item names differently); the four required ones are `displayName`,
 * `userPrincipalName`, `passwordProfile` (the initial password) and `accountEnabled` (the column
 * "Block sign in (Yes/No)": Yes is a disabled account). `givenName` and `surname` are kept too; any
 * other column is ignored, as the service ignores columns added to its template (the local
 * directory keeps no job titles or addresses), and named in `ignored`.
 *
 * Pure: text in, the users' `POST /users` bodies (each with its line) or problems with line and
 * column out; nothing throws. Checked here: the file's shape, the required values, Yes/No,
 * whitespace around a user principal name (the page: it makes the import fail) and a name
 * twice in the file. The directory's own rules (a verified domain, the password policy, a name
 * already taken, the quota) are the directory's to answer, so that their words are the service's.
 * A user's `mailNickname` is the part of the name before `@` (the template has no column for it).
 */
import { parseCsvRecords, type CsvRecord } from '../blueprint/csv.ts';

/** The largest roster read (bytes) and the most users in one (Entra ID's largest directory quota). */
export const MAX_ROSTER_BYTES = 64 * 1024 * 1024;
export const MAX_ROSTER_USERS = 300_000;

/** One row's user, as Graph's `POST /users` takes it. */
export interface RosterUser {
  line: number;
  body: {
    accountEnabled: boolean;
    displayName: string;
    mailNickname: string;
    userPrincipalName: string;
    passwordProfile: { password: string };
    givenName?: string;
    surname?: string;
  };
}

/** What is wrong, where: 1-based line and column of the file. */
export interface RosterProblem {
  line: number;
  col: number;
  message: string;
}

export interface Roster {
  users: RosterUser[];
  /** headings of the columns not read (no `[property]`, or one the local directory does not keep) */
  ignored: string[];
  problems: RosterProblem[];
}

const REQUIRED = ['displayName', 'userPrincipalName', 'passwordProfile', 'accountEnabled'] as const;
const KEPT = new Set<string>([...REQUIRED, 'givenName', 'surname']);
const HEADING = /\[([A-Za-z]+)\]/;

export function readEntraRoster(text: string): Roster {
  const problems: RosterProblem[] = [];
  const ignored: string[] = [];
  const users: RosterUser[] = [];
  if (Buffer.byteLength(text) > MAX_ROSTER_BYTES) return { users, ignored, problems: [{ line: 1, col: 1, message: `the roster is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MB` }] };
  const parsed = parseCsvRecords(text);
  if (parsed.problems.length) return { users, ignored, problems: parsed.problems.map(({ line, col, message }) => ({ line, col, message })) };
  const [version, headings, ...rows] = parsed.records;
  if (!version || !/^version:/i.test(version.fields[0]?.value.trim() ?? '')) {
    return { users, ignored, problems: [{ line: version?.line ?? 1, col: 1, message: "the first row must be the template's version row (`version:v1.0`), as Microsoft Entra's bulk create template has it" }] };
  }
  if (!headings) return { users, ignored, problems: [{ line: version.line + 1, col: 1, message: 'the second row must be the column headings, e.g. `Name [displayName] Required`' }] };
  const column = new Map<string, number>();
  headings.fields.forEach((field, i) => {
    const property = HEADING.exec(field.value)?.[1];
    if (property && KEPT.has(property) && !column.has(property)) column.set(property, i);
    else if (field.value.trim()) ignored.push(field.value.trim());
  });
  const missing = REQUIRED.filter((p) => !column.has(p));
  if (missing.length) {
    // A spreadsheet saved in a locale whose list separator is `;` (Swedish, German…) gives one heading.
    const separator = headings.fields.length === 1 && /[;\t]/.test(headings.fields[0]!.value) ? "; the file is not comma-separated: Entra's template is, so save it with commas" : '';
    return { users, ignored, problems: [{ line: headings.line, col: 1, message: `the headings name no column for ${missing.map((p) => `[${p}]`).join(', ')} (required: Name [displayName], User name [userPrincipalName], Initial password [passwordProfile], Block sign in (Yes/No) [accountEnabled])${separator}` }] };
  }
  if (rows.length > MAX_ROSTER_USERS) return { users, ignored, problems: [{ line: rows[MAX_ROSTER_USERS]!.line, col: 1, message: `more than ${MAX_ROSTER_USERS.toLocaleString('en-US')} users (the largest directory Entra ID allows)` }] };
  const seen = new Map<string, number>();
  for (const row of rows) {
    const user = userOf(row, column, headings, problems);
    if (!user) continue;
    const key = user.body.userPrincipalName.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line: row.line, col: 1, message: `'${user.body.userPrincipalName}' is already on line ${first}` });
      continue;
    }
    seen.set(key, row.line);
    users.push(user);
  }
  return { users, ignored, problems };
}

function userOf(row: CsvRecord, column: ReadonlyMap<string, number>, headings: CsvRecord, problems: RosterProblem[]): RosterUser | undefined {
  const before = problems.length;
  const cell = (property: string) => {
    const i = column.get(property);
    return i === undefined ? undefined : { value: row.fields[i]?.value ?? '', col: row.fields[i]?.col ?? 1, heading: headings.fields[i]!.value.trim() };
  };
  const required = (property: (typeof REQUIRED)[number]) => {
    const c = cell(property)!;
    if (c.value.trim() === '') problems.push({ line: row.line, col: c.col, message: `'${c.heading}' is empty` });
    return c;
  };
  const name = required('displayName');
  const upn = required('userPrincipalName');
  const password = required('passwordProfile');
  const blocked = required('accountEnabled');
  if (upn.value.trim() !== '' && upn.value !== upn.value.trim()) problems.push({ line: row.line, col: upn.col, message: `'${upn.value.trim()}' has spaces around it (Entra's import fails on them: remove them)` });
  const yesNo = blocked.value.trim().toLowerCase();
  if (yesNo !== '' && yesNo !== 'yes' && yesNo !== 'no') problems.push({ line: row.line, col: blocked.col, message: `'${blocked.heading}' is '${blocked.value.trim().slice(0, 20)}': Yes (sign-in blocked) or No` });
  if (problems.length > before) return undefined;
  const userPrincipalName = upn.value;
  const at = userPrincipalName.lastIndexOf('@');
  const body: RosterUser['body'] = {
    accountEnabled: yesNo === 'no',
    displayName: name.value.trim(),
    mailNickname: at > 0 ? userPrincipalName.slice(0, at) : userPrincipalName,
    userPrincipalName,
    passwordProfile: { password: password.value },
  };
  const given = cell('givenName')?.value.trim();
  const surname = cell('surname')?.value.trim();
  if (given) body.givenName = given;
  if (surname) body.surname = surname;
  return { line: row.line, body };
}
