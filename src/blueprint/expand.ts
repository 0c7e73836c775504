/**
 * Semantic checks and expansion: shared columns, hand-written sites, templates stamped over rows,
 * into the resources of a `Desired`. Works on the parts of the blueprint that passed the schema
 * (the others are already reported), so that every problem of a blueprint shows in one run.
 */
import { dirname, join } from 'node:path';
import { columnAddress, listAddress, siteAddress } from '../model/address.ts';
import type { AnyDesiredResource, ColumnDefault, ColumnProps, ColumnType, SourceSpan } from '../model/resources.ts';
import type { Reporter, RowContext } from './report.ts';
import type { RawBlueprint, RawColumn, RawColumnRef, RawColumnUse, RawList, RawSite } from './schema-types.generated.ts';
import { formatPath, type Path, type YamlSource } from './source.ts';
import {
  checkColumnName,
  checkListUrl,
  checkMailNickname,
  checkSiteUrl,
  checkTitle,
  checkUpn,
  didYouMean,
  SHAREPOINT_LCIDS,
} from './rules.ts';
import { mixedScript, nameCharProblem, shown } from './names.ts';
import { Claims, type Place } from './claims.ts';
import { checkRowsPath, RowsRefusedError } from './rows-file.ts';
import { decodeRows, type Encoding } from './text-decode.ts';
import { columnId } from './uuid.ts';
import { MetadataExpander } from './expand-metadata.ts';
import { eachString, malformedPlaceholder, placeholdersIn, PLACEHOLDER, stamp } from './template.ts';
import { detectSeparator, parseCsv, type Separator } from './csv.ts';
import { SiteIaExpander } from './expand-site-ia.ts';
import { expandPermissions, type PermissionsExpandContext } from './expand-permissions.ts';
import { validateExpandedSite, type SchemaProblem } from './validate.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The most rows of one `workspaces:` entry, from a CSV or inline. */
export const MAX_ROWS = 10_000;
/** The most rows of all `workspaces:` entries together (and CSV files read: MAX_CSV_FILES). */
export const MAX_TOTAL_ROWS = 50_000;
export const MAX_CSV_FILES = 100;
/** The most problems listed for one CSV file (a file that is not a CSV would give one per line). */
export const MAX_CSV_PROBLEMS = 50;

/** Thrown by a sibling reader when the file is larger than MAX_FILE_BYTES. */
export class FileTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`file is ${bytes} bytes`);
  }
}

interface SharedColumn {
  def: RawColumn;
  path: Path;
  ok: boolean;
}

/** What a `rows:` says, in any of its three forms. */
type RowsSpec =
  | { kind: 'inline'; rows: Record<string, string | number | boolean>[] }
  | { kind: 'file'; file: string; separator?: Separator; encoding?: Encoding; path: Path };

interface Rows {
  /** The CSV header, when the rows come from a CSV (every row has these fields). */
  header?: string[];
  rows: { label: string; values: Record<string, string> }[];
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Expander {
  readonly resources: AnyDesiredResource[] = [];
  /** addresses, with lookalike names reported */
  private readonly addresses: Claims;
  private readonly nicknames: Claims;
  private totalRows = 0;
  private csvFiles = 0;
  private columnTypes = new Map<string, { type: ColumnType; place: Place }>();
  private shared = new Map<string, SharedColumn>();
  /** content types and the term store (expand-metadata.ts) */
  private readonly meta = new MetadataExpander({
    rep: { at: (...a: Parameters<Reporter['at']>) => this.rep.at(...a) } as Reporter,
    span: (path) => this.span(path),
    push: (r) => this.resources.push(r),
    claim: (address, what, path, row) => this.addresses.claim(address, what, path, address, row),
    sharedColumnName: (key) => {
      const c = this.shared.get(key);
      return c?.ok ? c.def.name : undefined;
    },
    sharedColumnKeys: () => [...this.shared.keys()],
  });
  private siteContentTypes?: { use: string }[];
  /** views, navigation, hubs and site settings (expand-site-ia.ts) */
  private readonly ia = new SiteIaExpander({
    rep: { at: (...a: Parameters<Reporter['at']>) => this.rep.at(...a) } as Reporter,
    span: (path) => this.span(path),
    claim: (address, what, path, row) => this.addresses.claim(address, what, path, address, row),
    push: (r) => this.resources.push(r),
    resources: () => this.resources,
  });

  constructor(
    private readonly rep: Reporter,
    private readonly src: YamlSource,
    private readonly file: string,
    private readonly blocked: SchemaProblem[],
    private readonly readSibling?: (relPath: string) => Promise<string | Uint8Array>,
  ) {
    this.addresses = new Claims(rep, 'BP301', true, (p) => this.label(p));
    this.nicknames = new Claims(rep, 'BP302', false, (p) => this.label(p));
  }

  /**
   * True when no schema problem makes the element at `path` unusable. Problems inside a nested
   * list or column element are left to that element (so a site with a bad column still has its
   * other lists checked), and a missing property that is not part of the identity (a site's
   * title) does not stop the checks of the rest. With `strict`, any problem under `path` counts
   * (templates: their problems are reported on the template, not once per row).
   */
  private sound(path: Path, strict = false): boolean {
    const IDENTITY = new Set(['url', 'type', 'template', 'name', 'use', 'rows']);
    return !(this.blockedUnder().get(pathKey(path)) ?? []).some((b) => {
      if (strict) return true;
      const rest = b.path.slice(path.length);
      if (rest.length >= 2 && (rest[0] === 'lists' || rest[0] === 'columns') && typeof rest[1] === 'number') return false;
      if (rest.length === 0 && b.code === 'BP202' && b.missing && !IDENTITY.has(b.missing)) return false;
      return true;
    });
  }

  private blockedIndex?: Map<string, SchemaProblem[]>;

  /** The schema problems under each path prefix (built once: `sound` is called per element, and a hostile blueprint has many). */
  private blockedUnder(): Map<string, SchemaProblem[]> {
    if (!this.blockedIndex) {
      const index = new Map<string, SchemaProblem[]>();
      for (const b of this.blocked) {
        for (let k = 0; k <= b.path.length; k++) {
          const key = pathKey(b.path.slice(0, k));
          const list = index.get(key);
          if (list) list.push(b);
          else index.set(key, [b]);
        }
      }
      this.blockedIndex = index;
    }
    return this.blockedIndex;
  }

  /** A place is kept as its path: its line and column are looked up only when a duplicate names it. */
  private place(path: Path, row?: RowContext): Place {
    return row ? { path, row } : { path };
  }

  private label(p: Place): string {
    const pos = this.src.pos(p.path);
    return `${this.file}:${pos.line}:${pos.col}${p.row ? ` (in ${p.row.label})` : ''}`;
  }

  /** Each path's span, found once: a template's paths are the same for every row (shared, never mutated). */
  private spans = new Map<string, SourceSpan>();

  private span(path: Path): SourceSpan {
    const key = pathKey(path);
    let span = this.spans.get(key);
    if (!span) {
      const pos = this.src.pos(path);
      span = { file: this.file, line: pos.line, col: pos.col };
      this.spans.set(key, span);
    }
    return span;
  }

  async run(raw: RawBlueprint): Promise<void> {
    this.checkPlaceholders(raw);
    this.meta.top(raw); // the term store first: taxonomy columns name its sets
    // shared columns
    if (isObj(raw.columns)) {
      for (const [key, def] of Object.entries(raw.columns)) {
        const path = ['columns', key];
        if (!this.sound(path) || !isObj(def)) continue;
        const ok = this.checkColumnDef(def, path);
        this.shared.set(key, { def, path, ok });
        if (ok) this.registerColumnType(def.name, def.type, path);
      }
    }
    this.meta.contentTypeDefs(raw);
    if (Array.isArray(raw.sites)) {
      raw.sites.forEach((s, i) => {
        const path = ['sites', i];
        if (this.sound(path) && isObj(s)) this.site(s, path);
      });
    }
    const used = new Set<string>();
    if (Array.isArray(raw.workspaces)) {
      for (const [i, ws] of raw.workspaces.entries()) {
        const path = ['workspaces', i];
        if (!this.sound(path) || !isObj(ws)) continue;
        used.add(ws.template);
        await this.workspace(raw, ws, path);
      }
    }
    if (isObj(raw.templates)) {
      for (const name of Object.keys(raw.templates)) {
        if (!used.has(name)) {
          this.rep.at('BP408', ['templates', name], `template '${name}' is not used by any workspaces entry`, {
            atKey: true,
            severity: 'warning',
          });
        }
      }
    }
    this.ia.finish();
  }

  /** Placeholders belong in templates only; in templates they must be well-formed. */
  private checkPlaceholders(raw: RawBlueprint): void {
    const outside = (value: unknown, path: Path): void =>
      eachString(value, path, (s, p) => {
        if (s.includes('{{') || s.includes('}}')) {
          const m = s.match(PLACEHOLDER);
          this.rep.at(
            'BP406',
            p,
            m
              ? `placeholder ${m[0]} outside a template: {{ row.field }} is only replaced in templates (templates: and workspaces:)`
              : `'{{' or '}}' outside a template`,
          );
        }
      });
    outside(raw.sites, ['sites']);
    outside(raw.columns, ['columns']);
    if (isObj(raw.templates)) {
      eachString(raw.templates, ['templates'], (s, p) => {
        const bad = malformedPlaceholder(s);
        if (bad) {
          this.rep.at('BP406', p, `malformed placeholder '${bad}': write {{ row.field }}, where field is a CSV column or a key of the inline rows`);
        }
      });
    }
  }

  // ---------------------------------------------------------------- columns

  private checkDefault(type: ColumnType, choices: string[] | undefined, value: ColumnDefault, path: Path, row?: RowContext): boolean {
    let problem: string | undefined;
    switch (type) {
      case 'taxonomy':
        return true; // checked with the binding (expand-metadata.ts)
      case 'user':
        problem = 'a user column cannot have a default';
        break;
      case 'text':
      case 'note':
        if (typeof value !== 'string') problem = `the default of a ${type} column must be text, not ${JSON.stringify(value)}`;
        break;
      case 'choice':
        if (typeof value !== 'string' || !(choices ?? []).includes(value)) {
          const guess = typeof value === 'string' ? didYouMean(value, choices ?? []) : undefined;
          problem = `the default ${JSON.stringify(value)} is not one of the choices (${(choices ?? []).join(', ')})${guess ? ` (did you mean '${guess}'?)` : ''}`;
        }
        break;
      case 'number':
        if (typeof value !== 'number') problem = `the default of a number column must be a number, not ${JSON.stringify(value)}`;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') problem = `the default of a boolean column must be true or false, not ${JSON.stringify(value)}`;
        break;
      case 'dateTime':
        if (typeof value !== 'string' || !(/^today$/i.test(value) || /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value))) {
          problem = `the default of a dateTime column must be "today" or an ISO date like 2024-01-31, not ${JSON.stringify(value)}`;
        }
        break;
    }
    if (problem) this.rep.at('BP311', path, problem, row ? { row } : {});
    return !problem;
  }

  /** Checks an inline column definition; reports and returns false when it is not usable. */
  private checkColumnDef(def: RawColumn, path: Path, row?: RowContext, address?: string): boolean {
    let ok = true;
    const o = { ...(row ? { row } : {}), ...(address ? { address } : {}) };
    const nameChar = nameCharProblem(`internal name '${shown(def.name)}'`, def.name);
    const nameProblem = nameChar ?? checkColumnName(def.name);
    if (nameProblem) {
      this.rep.at(nameChar ? 'BP315' : 'BP306', [...path, 'name'], nameProblem, { ...o, onePerPlace: Boolean(nameChar) });
      ok = false;
    }
    if (typeof def.displayName === 'string') {
      const t = checkTitle('column display name', def.displayName);
      if (t) {
        this.rep.at('BP315', [...path, 'displayName'], t, { ...o, onePerPlace: true });
        ok = false;
      }
    }
    if (def.type === 'choice') {
      if (!def.choices) {
        this.rep.at('BP311', path, `choice column '${def.name}' needs choices: a non-empty list`, o);
        ok = false;
      } else {
        const seen = new Set<string>();
        def.choices.forEach((c, j) => {
          if (seen.has(c)) {
            this.rep.at('BP311', [...path, 'choices', j], `choice '${c}' appears twice`, o);
            ok = false;
          }
          seen.add(c);
        });
      }
    } else if (def.choices) {
      this.rep.at('BP311', [...path, 'choices'], `choices are only for choice columns; '${def.name}' is a ${def.type} column`, o);
      ok = false;
    }
    if (def.default !== undefined && !this.checkDefault(def.type, def.choices, def.default, [...path, 'default'], row)) ok = false;
    if (!this.meta.checkTaxonomy(def, path, row, address)) ok = false;
    return ok;
  }

  private registerColumnType(name: string, type: ColumnType, path: Path, row?: RowContext): boolean {
    const here = this.place(path, row);
    const other = this.columnTypes.get(name);
    if (!other) {
      this.columnTypes.set(name, { type, place: here });
      return true;
    }
    if (other.type === type) return true;
    this.rep.at(
      'BP310',
      path,
      `column '${name}' is a ${type} column here but a ${other.type} column at ${this.label(other.place)}: one internal name has one field id everywhere, so its type must be the same`,
      row ? { row } : {},
    );
    return false;
  }

  private column(ref: RawColumnRef, path: Path, parent: string, row?: RowContext): ColumnProps | undefined {
    if ('use' in ref) {
      const use = ref as RawColumnUse;
      const shared = this.shared.get(use.use);
      if (!shared) {
        const guess = didYouMean(use.use, this.shared.keys());
        const known = [...this.shared.keys()];
        this.rep.at(
          'BP303',
          [...path, 'use'],
          `unknown shared column '${shown(use.use)}'${guess ? ` (did you mean '${guess}'?)` : known.length ? ` (shared columns: ${listed(known)})` : ' (there is no top-level columns: map)'}`,
          { ...(row ? { row } : {}), address: parent },
        );
        return undefined;
      }
      if (!shared.ok) return undefined;
      const def = shared.def;
      if (use.default !== undefined && !this.checkDefault(def.type, def.choices, use.default, [...path, 'default'], row)) return undefined;
      return this.columnProps({
        ...def,
        ...defined({ displayName: use.displayName, description: use.description, required: use.required, default: use.default }),
      });
    }
    const def = ref as RawColumn;
    const addr = columnAddress(parent, def.name);
    if (!this.checkColumnDef(def, path, row, addr)) return undefined;
    if (!this.registerColumnType(def.name, def.type, path, row)) return undefined;
    return this.columnProps(def);
  }

  private columnProps(def: RawColumn): ColumnProps {
    return defined({
      name: def.name,
      id: columnId(def.name),
      type: def.type,
      displayName: def.displayName ?? def.name,
      description: def.description,
      required: def.required,
      choices: def.type === 'choice' ? def.choices : undefined,
      default: def.default,
      termSet: def.type === 'taxonomy' ? def.termSet : undefined,
      allowMultiple: def.type === 'taxonomy' ? def.allowMultiple : undefined,
    });
  }

  /**
   * A name with a character no name may have (BP315), or one that mixes Latin with a lookalike
   * script (BP316 warning). Returns false when the name is refused.
   */
  private nameChars(what: string, name: string, path: Path, address: string, row?: RowContext): boolean {
    const problem = nameCharProblem(`${what} '${shown(name)}'`, name);
    if (problem) {
      this.rep.at('BP315', path, problem, { address, onePerPlace: true, ...(row ? { row } : {}) });
      return false;
    }
    return true;
  }

  /** `part`: the part of `name` that is a name (a site URL's last segment: `/sites/` is Latin). */
  private mixed(what: string, name: string, path: Path, address: string, row?: RowContext, part = name): void {
    const script = mixedScript(part);
    if (script) {
      this.rep.at('BP316', path, `${what} '${shown(name)}' mixes Latin and ${script} letters: a lookalike letter makes a name that reads the same but is another`, {
        address,
        severity: 'warning',
        ...(row ? { row } : {}),
      });
    }
  }

  private columns(refs: RawColumnRef[] | undefined, base: Path, parent: string, row?: RowContext): void {
    (refs ?? []).forEach((ref, j) => {
      const path = [...base, 'columns', j];
      if (!row && !this.sound(path)) return;
      const props = this.column(ref, path, parent, row);
      if (!props) return;
      const address = columnAddress(parent, props.name);
      if (!this.addresses.claim(address, `column '${props.name}' in ${parent}`, path, address, row)) return;
      this.resources.push({ kind: 'column', address, parent, props, source: this.span(path), ...this.meta.columnAfter(props) });
    });
  }

  // ---------------------------------------------------------------- sites

  site(s: RawSite, path: Path, row?: RowContext): void {
    // What this site emits starts here: its own lookups scan only its part (planning stays linear).
    const siteStart = this.resources.length;
    const o = (address: string) => ({ address, ...(row ? { row } : {}) });
    const address = siteAddress(s.url);
    const urlChars = this.nameChars('site URL', s.url, [...path, 'url'], address, row);
    const urlProblem = urlChars ? checkSiteUrl(s.url) : 'refused';
    // An invalid URL is reported; the rest of the site is still checked (nothing is emitted, as there is an error).
    if (urlChars && urlProblem) this.rep.at('BP304', [...path, 'url'], urlProblem, o(address));
    if (!urlProblem) this.mixed('site URL', s.url, [...path, 'url'], address, row, s.url.slice(s.url.lastIndexOf('/') + 1));
    if (typeof s.title === 'string') {
      const t = checkTitle('site title', s.title);
      if (t) this.rep.at('BP315', [...path, 'title'], t, { ...o(address), onePerPlace: true });
    }
    const notFor = (props: (keyof RawSite)[], type: string, other: string): void => {
      for (const p of props) {
        if (s[p] !== undefined) this.rep.at('BP312', [...path, p], `'${p}' is for ${other} sites; this is a ${type} site`, { ...o(address), atKey: true });
      }
    };
    const fresh = !urlProblem && this.addresses.claim(address, `site URL '${s.url}'`, path, address, row);
    if (s.type === 'team') {
      notFor(['lcid', 'owner'], 'team', 'communication');
      const nick = s.mailNickname ?? s.url.slice(s.url.lastIndexOf('/') + 1);
      const nickPath = s.mailNickname !== undefined ? [...path, 'mailNickname'] : [...path, 'url'];
      const nickProblem = urlProblem && s.mailNickname === undefined ? undefined : checkMailNickname(nick);
      if (nickProblem) {
        this.rep.at('BP307', nickPath, s.mailNickname === undefined ? `${nickProblem}; it is derived from the URL, set mailNickname to choose another` : nickProblem, o(address));
      } else if (fresh) {
        const seg = s.url.slice(s.url.lastIndexOf('/') + 1);
        if (s.mailNickname !== undefined && seg.toLowerCase() !== nick.toLowerCase()) {
          this.rep.at(
            'BP314',
            nickPath,
            `the URL ends in '${seg}' but mailNickname is '${nick}': Microsoft 365 names a group's site after its mailNickname (/sites/${nick}), so the site may not get the URL ${s.url}`,
            { ...o(address), severity: 'warning' },
          );
        }
        this.nicknames.claim(nick, `group mailNickname '${nick}'`, nickPath, address, row);
      }
      this.owners(s.owners ?? [], [...path, 'owners'], address, row);
      if (fresh) {
        this.resources.push({
          kind: 'teamSite',
          address,
          props: defined({
            url: s.url,
            mailNickname: nick,
            title: s.title,
            description: s.description,
            visibility: s.visibility,
            owners: s.owners,
          }),
          source: this.span(path),
          ...(s.prune ? { prune: s.prune } : {}),
        });
      }
    } else {
      notFor(['mailNickname', 'visibility', 'owners'], 'communication', 'team');
      if (s.lcid !== undefined && !(s.lcid in SHAREPOINT_LCIDS)) {
        this.rep.at('BP309', [...path, 'lcid'], `${s.lcid} is not a SharePoint language id (e.g. 1033 English, 1053 Swedish, 1044 Norwegian, 1030 Danish, 1035 Finnish, 1031 German, 1036 French)`, o(address));
      }
      if (s.owner !== undefined) {
        const p = checkUpn(s.owner);
        if (p) this.rep.at('BP308', [...path, 'owner'], p, o(address));
      }
      if (fresh) {
        this.resources.push({
          kind: 'commSite',
          address,
          props: defined({ url: s.url, title: s.title, description: s.description, lcid: s.lcid, owner: s.owner }),
          source: this.span(path),
          ...(s.prune ? { prune: s.prune } : {}),
        });
      }
    }
    if (!fresh && !urlProblem) return; // a duplicate: its children would only repeat the duplicate
    const columnsStart = this.resources.length;
    this.columns(s.columns, path, address, row);
    const siteColumns = new Set(this.resources.slice(columnsStart).filter((r) => r.kind === 'column' && r.parent === address).map((r) => (r.props as ColumnProps).name.toLowerCase()));
    this.meta.site(s.contentTypes, path, address, siteColumns, row);
    this.siteContentTypes = s.contentTypes;
    (s.lists ?? []).forEach((l, j) => {
      if (row || this.sound([...path, 'lists', j])) this.list(l, [...path, 'lists', j], address, row);
    });
    if (s.team !== undefined && (row || this.sound([...path, 'team']))) this.ia.team(s, path, address, row);
    this.ia.site(s, path, address, row);
    if (s.permissions !== undefined || s.sharing !== undefined || s.lists?.some((l) => l.permissions)) this.permissions(s, path, address, siteStart, row);
  }

  /** The site's `permissions:` and `sharing:` and its lists' `permissions:` (src/blueprint/expand-permissions.ts). */
  private permissions(s: RawSite, path: Path, address: string, siteStart: number, row?: RowContext): void {
    const ctx: PermissionsExpandContext = {
      rep: this.rep,
      span: (p) => this.span(p),
      claim: (a, what, p) => this.addresses.claim(a, what, p, a, row),
      push: (r) => this.resources.push(r),
      // Only the site's own resources can be asked about; scanning them alone keeps this linear.
      has: (a) => {
        for (let i = siteStart; i < this.resources.length; i++) if (this.resources[i]!.address === a) return true;
        return false;
      },
    };
    expandPermissions(ctx, s, path, address, row);
  }

  private owners(owners: string[], path: Path, address: string, row?: RowContext): void {
    const seen = new Set<string>();
    owners.forEach((upn, j) => {
      const p = checkUpn(upn);
      if (p) this.rep.at('BP308', [...path, j], p, { address, ...(row ? { row } : {}) });
      if (seen.has(upn.toLowerCase())) {
        this.rep.at('BP313', [...path, j], `owner '${upn}' is listed twice`, { address, severity: 'warning', ...(row ? { row } : {}) });
      }
      seen.add(upn.toLowerCase());
    });
  }

  private list(l: RawList, path: Path, site: string, row?: RowContext): void {
    const address = listAddress(site, l.url);
    if (typeof l.title === 'string') {
      const t = checkTitle('list title', l.title);
      if (t) this.rep.at('BP315', [...path, 'title'], t, { address, onePerPlace: true, ...(row ? { row } : {}) });
    }
    const chars = this.nameChars('list URL', l.url, [...path, 'url'], address, row);
    const problem = chars ? checkListUrl(l.url) : 'refused';
    if (problem) {
      if (chars) this.rep.at('BP305', [...path, 'url'], problem, { address, ...(row ? { row } : {}) });
      this.columns(l.columns, path, address, row);
      return;
    }
    this.mixed('list URL', l.url, [...path, 'url'], address, row);
    if (!this.addresses.claim(address, `list URL '${l.url}' in ${site}`, path, address, row)) return;
    this.resources.push({
      kind: 'list',
      address,
      parent: site,
      props: defined({ url: l.url, title: l.title ?? l.url, template: l.template, description: l.description }),
      source: this.span(path),
      ...(l.prune ? { prune: l.prune } : {}),
    });
    this.columns(l.columns, path, address, row);
    this.meta.list(l.contentTypes, l.defaultContentType, path, address, site, this.siteContentTypes, row);
    this.ia.views(l, path, address, site, row);
  }

  // ---------------------------------------------------------------- workspaces

  private async workspace(raw: RawBlueprint, ws: NonNullable<RawBlueprint['workspaces']>[number], path: Path): Promise<void> {
    const templates = isObj(raw.templates) ? raw.templates : {};
    const tpl = Object.hasOwn(templates, ws.template) ? templates[ws.template] : undefined;
    if (!tpl) {
      const guess = didYouMean(ws.template, Object.keys(templates));
      this.rep.at('BP401', [...path, 'template'], `unknown template '${shown(ws.template)}'${guess ? ` (did you mean '${guess}'?)` : Object.keys(templates).length ? ` (templates: ${listed(Object.keys(templates))})` : ''}`);
    }
    const spec: RowsSpec = Array.isArray(ws.rows)
      ? { kind: 'inline', rows: ws.rows }
      : typeof ws.rows === 'string'
        ? { kind: 'file', file: ws.rows, path: [...path, 'rows'] }
        : { kind: 'file', file: ws.rows.file, separator: ws.rows.separator, encoding: ws.rows.encoding, path: [...path, 'rows', 'file'] };
    const rows = spec.kind === 'file' ? await this.csvRows(spec) : this.inlineRows(spec.rows, path);
    if (!rows) return;
    this.totalRows += rows.rows.length;
    if (this.totalRows > MAX_TOTAL_ROWS) {
      this.rep.at('BP404', [...path, 'rows'], `the workspaces entries have ${this.totalRows} rows so far (at most ${MAX_TOTAL_ROWS} in all): split the blueprint`);
      return;
    }
    if (!tpl) return;
    const tplPath = ['templates', ws.template];
    if (!this.sound(tplPath, true)) return; // its problems are reported on the template itself
    const uses = placeholdersIn(tpl, tplPath);
    if (rows.header) {
      const header = rows.header;
      const missing = uses.filter((u) => !header.includes(u.field));
      for (const m of missing) {
        this.rep.at('BP405', m.path, `placeholder {{ row.${m.field} }}: ${spec.kind === 'file' ? shown(spec.file) : 'the rows'} has no column '${m.field}' (columns: ${listed(header)})`, {
          address: formatPath(path),
        });
      }
      if (missing.length) return;
    }
    if (rows.rows.length === 0) {
      this.rep.at('BP409', [...path, 'rows'], 'no rows: this workspaces entry creates nothing', { severity: 'warning' });
    }
    for (const r of rows.rows) {
      const row: RowContext = { label: r.label };
      if (!rows.header) {
        const missing = uses.filter((u) => !Object.hasOwn(r.values, u.field));
        for (const m of missing) {
          this.rep.at('BP405', m.path, `placeholder {{ row.${m.field} }}: the row has no field '${m.field}' (fields: ${Object.keys(r.values).join(', ') || 'none'})`, { row });
        }
        if (missing.length) continue;
      }
      const expanded = stamp(tpl, r.values) as Record<string, unknown>;
      const address = typeof expanded.url === 'string' ? siteAddress(expanded.url) : formatPath(tplPath);
      if (!validateExpandedSite(expanded, tplPath, this.rep, row, address)) continue;
      this.site(expanded as unknown as RawSite, tplPath, row);
    }
  }

  private inlineRows(rows: Record<string, string | number | boolean>[], path: Path): Rows | undefined {
    if (rows.length > MAX_ROWS) {
      this.rep.at('BP404', [...path, 'rows'], `${rows.length} inline rows (at most ${MAX_ROWS}, as for a CSV file)`);
      return undefined;
    }
    return {
      rows: rows.map((r, j) => ({
        label: `row ${j + 1} of ${formatPath([...path, 'rows'])}`,
        values: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
      })),
    };
  }

  private async csvRows(spec: Extract<RowsSpec, { kind: 'file' }>): Promise<Rows | undefined> {
    const { file: rel, path } = spec;
    const csvFile = join(dirname(this.file), rel);
    const refused = checkRowsPath(rel);
    if (refused) {
      this.rep.at('BP410', path, `rows file refused: ${refused}`);
      return undefined;
    }
    if (!this.readSibling) {
      this.rep.at('BP402', path, `cannot read '${shown(rel)}': no file access (rows from a CSV file need loadBlueprint or a readSibling function)`);
      return undefined;
    }
    if (++this.csvFiles > MAX_CSV_FILES) {
      this.rep.at('BP404', path, `more than ${MAX_CSV_FILES} rows files in one blueprint`);
      return undefined;
    }
    let content: string | Uint8Array;
    try {
      content = await this.readSibling(rel);
    } catch (e) {
      if (e instanceof RowsRefusedError) {
        this.rep.at('BP410', path, `rows file '${shown(rel)}' refused: ${e.reason}`);
      } else if (e instanceof FileTooLargeError) {
        this.rep.at('BP404', path, `'${shown(rel)}' is ${e.bytes} bytes (at most ${MAX_FILE_BYTES}, 5 MiB)`);
      } else {
        const code = (e as { code?: string }).code;
        this.rep.at('BP402', path, code === 'ENOENT' ? `rows file '${shown(rel)}' not found (looked for ${shown(csvFile, 200)})` : `cannot read rows file '${shown(rel)}': ${code ?? 'error'}`);
      }
      return undefined;
    }
    const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
    if (bytes > MAX_FILE_BYTES) {
      this.rep.at('BP404', path, `'${shown(rel)}' is ${bytes} bytes (at most ${MAX_FILE_BYTES}, 5 MiB)`);
      return undefined;
    }
    let text: string;
    const notes: string[] = [];
    if (typeof content === 'string') {
      text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
    } else {
      const decoded = decodeRows(content, rel, spec.encoding);
      if (!decoded.ok) {
        this.rep.inFile('BP411', csvFile, decoded.line, decoded.col, `${decoded.message}; state the file's encoding with rows: { file: ${shown(rel)}, encoding: windows-1252 } (or utf-8, utf-16le, utf-16be), or save it as "CSV UTF-8"`);
        return undefined;
      }
      text = decoded.text;
      if (decoded.encoding !== 'utf-8') {
        notes.push(
          spec.encoding
            ? `encoding ${decoded.encoding} (stated)`
            : decoded.detected && decoded.encoding === 'windows-1252'
              ? 'encoding windows-1252 (the file is not valid UTF-8 and has no byte order mark; state encoding: to choose another)'
              : `encoding ${decoded.encoding} (from its byte order mark)`,
        );
      }
    }
    const separator = spec.separator ?? detectSeparator(text);
    if (separator !== ',') notes.push(`separator ${separator === '\t' ? 'tab' : `'${separator}'`} (${spec.separator ? 'stated' : 'detected from the header line'})`);
    if (notes.length) this.rep.inFile('BP412', csvFile, 1, 1, `read with ${notes.join(' and ')}`, undefined, 'info');
    const csv = parseCsv(text, separator);
    // Header problems first: when the header is wrong, it is the one thing to fix.
    const ordered = [...csv.problems.filter((p) => p.kind === 'header'), ...csv.problems.filter((p) => p.kind !== 'header')];
    const problems = ordered.slice(0, MAX_CSV_PROBLEMS);
    for (const p of problems) this.rep.inFile(p.kind === 'header' ? 'BP407' : p.kind === 'char' ? 'BP315' : 'BP403', csvFile, p.line, p.col, p.message);
    if (csv.problems.length > MAX_CSV_PROBLEMS) {
      const more = csv.problems.length - MAX_CSV_PROBLEMS;
      this.rep.inFile('BP403', csvFile, ordered[MAX_CSV_PROBLEMS]!.line, ordered[MAX_CSV_PROBLEMS]!.col, `${more} more problem${more === 1 ? '' : 's'} in this file not shown: is it a CSV file?`);
    }
    if (csv.problems.some((p) => p.kind === 'header')) return undefined;
    if (csv.rows.length > MAX_ROWS) {
      this.rep.at('BP404', path, `'${shown(rel)}' has ${csv.rows.length} rows (at most ${MAX_ROWS})`);
      return undefined;
    }
    return {
      header: csv.header,
      rows: csv.rows.map((r) => ({ label: `row ${r.index} of ${shown(rel)}, line ${r.line}`, values: nfcRecord(r.values) })),
    };
  }
}

function pathKey(path: Path): string {
  return path.map(String).join('\u0000');
}

/** Names for a message: at most 20, each shortened. */
function listed(names: string[]): string {
  const head = names.slice(0, 20).map((n) => shown(n, 40));
  return names.length > 20 ? `${head.join(', ')}, ... (${names.length} in all)` : head.join(', ');
}

function nfcRecord(values: Record<string, string>): Record<string, string> {
  for (const k of Object.keys(values)) values[k] = values[k]!.normalize('NFC');
  return values;
}
