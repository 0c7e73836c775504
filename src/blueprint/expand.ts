/**
 * Semantic checks and expansion: shared columns, hand-written sites, templates stamped over rows,
 * into the resources of a `Desired`. Works on the parts of the blueprint that passed the schema
 * (the others are already reported), so that every problem of a blueprint shows in one run.
 * A site and a list are expanded by their kinds (src/kinds/site/expand.ts, list/expand.ts), then
 * their children here, in order; rows stamp sites in expand-workspaces.ts.
 */
import { expandList } from '../kinds/list/expand.ts';
import { expandSite, type SiteExpandContext } from '../kinds/site/expand.ts';
import { ownerLooksLikeContinuation, ownerName } from '../model/owner.ts';
import type { AnyDesiredResource, SourceSpan } from '../model/resources.ts';
import type { Reporter, RowContext } from '../blueprint-core/report.ts';
import type { RawBlueprint, RawList, RawSite } from '../blueprint-core/schema-types.generated.ts';
import type { Path, YamlSource } from '../blueprint-core/source.ts';
import { checkColumnName, checkTitle, didYouMean } from '../blueprint-core/rules.ts';
import { listed, mixedScript, shown } from '../blueprint-core/names.ts';
import { Claims, type Place } from './claims.ts';
import { SiteIaExpander } from './expand-site-ia.ts';
import type { SchemaProblem } from './validate.ts';
import { pathKey, SchemaBlocks } from './schema-blocks.ts';
import { checkPlaceholders, WorkspaceExpander } from './expand-workspaces.ts';


function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Expander {
  readonly resources: AnyDesiredResource[] = [];
  /** The row each templated site was stamped from, by its address (Desired.rowsOfSites). */
  readonly rowsOfSites = new Map<string, RowContext>();
  /** Where the resources of the site being expanded begin in `resources`. */
  private siteFrom = 0;
  /** addresses, with lookalike names reported */
  private readonly addresses: Claims;
  private readonly nicknames: Claims;
  /** What the kinds' expansions get: sites and lists (src/kinds/site/, list/) and the site-level kinds. */
  private readonly kx: SiteExpandContext = {
    rep: { at: (...a: Parameters<Reporter['at']>) => this.rep.at(...a) } as Reporter,
    span: (path) => this.span(path),
    claim: (address, what, path, row) => this.addresses.claim(address, what, path, address, row),
    claimNickname: (nick, what, path, address, row) => this.nicknames.claim(nick, what, path, address, row),
    push: (r) => this.resources.push(r),
    resources: () => this.resources,
    siteResources: () => this.resources.slice(this.siteFrom),
    sharedColumns: () => this.sharedColumns,
    sound: (path) => this.sound(path),
  };
  /** The blueprint's `columns:` at the top, once it is read (KindExpandContext.sharedColumns). */
  private sharedColumns: RawBlueprint['columns'];
  /** the kinds in src/kinds/: the term store, columns, content types, views, navigation, hubs, site settings, permissions and sharing (expand-site-ia.ts) */
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
    this.sharedColumns = raw.columns && typeof raw.columns === 'object' ? raw.columns : undefined;
    const named = typeof raw.name === 'string';
    const owner = ownerName(named ? (raw.name as string) : undefined, this.file);
    if (ownerLooksLikeContinuation(owner)) {
      const what = named ? `the blueprint name '${shown(owner, 60)}'` : `the blueprint has no name, and its file's name '${shown(owner, 60)}'`;
      this.rep.at('BP205', named ? ['name'] : [], `${what} ends in ' #' and a number, which the ownership ledger keeps for its own items: ${named ? 'choose another' : 'add a name: to the blueprint'}`);
    }
    this.ia.top(raw); // the term store, then shared columns (a taxonomy column names its sets), then shared content types
    if (Array.isArray(raw.sites)) {
      raw.sites.forEach((s, i) => {
        const path = ['sites', i];
        if (this.sound(path) && isObj(s)) this.site(s, path);
      });
    }
    await this.workspaces.run(raw);
    this.ia.finish();
  }

  // ---------------------------------------------------------------- sites

  site(s: RawSite, path: Path, row?: RowContext): void {
    this.siteFrom = this.resources.length;
    const { address, fresh, urlProblem } = expandSite(this.kx, s, path, row);
    if (!fresh && !urlProblem) return; // a duplicate: its children would only repeat the duplicate
    if (row && fresh) this.rowsOfSites.set(address, row);
    this.ia.siteStart(s, path, address, row); // its columns, its content types
    (s.lists ?? []).forEach((l, j) => {
      if (row || this.sound([...path, 'lists', j])) this.list(l, [...path, 'lists', j], address, row);
    });
    if (s.team !== undefined && (row || this.sound([...path, 'team']))) this.ia.team(s, path, address, row);
    this.ia.site(s, path, address, row);
  }

  /** A list (src/kinds/list/expand.ts), then its columns, content types and the list-level kinds. */
  private list(l: RawList, path: Path, site: string, row?: RowContext): void {
    const { address, outcome } = expandList(this.kx, l, path, site, row);
    if (outcome === 'duplicate') return;
    if (outcome === 'refused') {
      this.ia.refusedList(l, path, address, site, row); // its columns are still checked
      return;
    }
    this.ia.listStart(l, path, address, site, row); // its columns, its content types
    this.ia.views(l, path, address, site, row);
  }
}


