/**
 * Semantic checks and expansion: shared columns, hand-written sites, templates stamped over rows,
 * into the resources of a `Desired`. Works on the parts of the blueprint that passed the schema
 * (the others are already reported), so that every problem of a blueprint shows in one run.
 * A site and a list are expanded by their kinds (src/kinds/site/expand.ts, list/expand.ts), then
 * their children here, in order; rows stamp sites in expand-workspaces.ts.
 */
import { columnAddress } from '../model/address.ts';
import { expandList } from '../kinds/list/expand.ts';
import { expandSite, type SiteExpandContext } from '../kinds/site/expand.ts';
import type { AnyDesiredResource, ColumnDefault, ColumnProps, ColumnType, SourceSpan } from '../model/resources.ts';
import type { Reporter, RowContext } from './report.ts';
import type { RawBlueprint, RawColumn, RawColumnRef, RawColumnUse, RawList, RawSite } from './schema-types.generated.ts';
import type { Path, YamlSource } from './source.ts';
import { checkColumnName, checkTitle, didYouMean } from './rules.ts';
import { listed, mixedScript, nameCharProblem, shown } from './names.ts';
import { Claims, type Place } from './claims.ts';
import { columnId } from './uuid.ts';
import { MetadataExpander } from './expand-metadata.ts';
import { expandTeam, type TeamExpandContext } from './expand-teams.ts';
import { SiteIaExpander } from './expand-site-ia.ts';
import { expandPermissions, type PermissionsExpandContext } from './expand-permissions.ts';
import type { SchemaProblem } from './validate.ts';
import { pathKey, SchemaBlocks } from './schema-blocks.ts';
import { checkPlaceholders, WorkspaceExpander } from './expand-workspaces.ts';

interface SharedColumn {
  def: RawColumn;
  path: Path;
  ok: boolean;
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
  /** What the kinds' expansions get: sites and lists (src/kinds/site/, list/) and the site-level kinds. */
  private readonly kx: SiteExpandContext = {
    rep: { at: (...a: Parameters<Reporter['at']>) => this.rep.at(...a) } as Reporter,
    span: (path) => this.span(path),
    claim: (address, what, path, row) => this.addresses.claim(address, what, path, address, row),
    claimNickname: (nick, what, path, address, row) => this.nicknames.claim(nick, what, path, address, row),
    push: (r) => this.resources.push(r),
    resources: () => this.resources,
  };
  /** views, navigation, hubs and site settings (expand-site-ia.ts) */
  private readonly ia = new SiteIaExpander(this.kx);
  /** templates stamped over rows (expand-workspaces.ts) */
  private readonly workspaces: WorkspaceExpander;
  /** the parts of the blueprint the schema left unusable */
  private readonly blocks: SchemaBlocks;

  constructor(
    private readonly rep: Reporter,
    private readonly src: YamlSource,
    private readonly file: string,
    blocked: SchemaProblem[],
    private readonly readSibling?: (relPath: string) => Promise<string | Uint8Array>,
  ) {
    this.blocks = new SchemaBlocks(blocked);
    this.addresses = new Claims(rep, 'BP301', true, (p) => this.label(p));
    this.nicknames = new Claims(rep, 'BP302', false, (p) => this.label(p));
    this.workspaces = new WorkspaceExpander({
      rep,
      file,
      ...(readSibling ? { readSibling } : {}),
      sound: (path, strict) => this.sound(path, strict),
      site: (s, path, row) => this.site(s, path, row),
    });
  }

  /** True when no schema problem makes the element at `path` unusable (see SchemaBlocks.sound). */
  private sound(path: Path, strict = false): boolean {
    return this.blocks.sound(path, strict);
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
    checkPlaceholders(this.rep, raw);
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
    await this.workspaces.run(raw);
    this.ia.finish();
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
    const { address, fresh, urlProblem } = expandSite(this.kx, s, path, row);
    if (!fresh && !urlProblem) return; // a duplicate: its children would only repeat the duplicate
    const columnsStart = this.resources.length;
    this.columns(s.columns, path, address, row);
    const siteColumns = new Set(this.resources.slice(columnsStart).filter((r) => r.kind === 'column' && r.parent === address).map((r) => (r.props as ColumnProps).name.toLowerCase()));
    this.meta.site(s.contentTypes, path, address, siteColumns, row);
    this.siteContentTypes = s.contentTypes;
    (s.lists ?? []).forEach((l, j) => {
      if (row || this.sound([...path, 'lists', j])) this.list(l, [...path, 'lists', j], address, row);
    });
    if (s.team !== undefined && (row || this.sound([...path, 'team']))) this.team(s, path, address, row);
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

  /** The site's `team:` (src/blueprint/expand-teams.ts). */
  private team(s: RawSite, path: Path, address: string, row?: RowContext): void {
    const ctx: TeamExpandContext = {
      rep: this.rep,
      span: (p) => this.span(p),
      claim: (a, what, p) => this.addresses.claim(a, what, p, a, row),
      push: (r) => this.resources.push(r),
    };
    expandTeam(ctx, s, path, address, row);
  }

  /** A list (src/kinds/list/expand.ts), then its columns, content types and the list-level kinds. */
  private list(l: RawList, path: Path, site: string, row?: RowContext): void {
    const { address, outcome } = expandList(this.kx, l, path, site, row);
    if (outcome === 'duplicate') return;
    this.columns(l.columns, path, address, row);
    if (outcome === 'refused') return;
    this.meta.list(l.contentTypes, l.defaultContentType, path, address, site, this.siteContentTypes, row);
    this.ia.views(l, path, address, site, row);
  }
}


