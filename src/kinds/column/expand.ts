/**
 * Expansion of columns: the top-level `columns:` map (shared columns, checked once), a site's and
 * a list's `columns:` (inline or `use:` a shared one) into `column` resources, with BP303 (an
 * unknown shared column) and BP310 (one internal name, one type: the field id derives from the
 * name); the checks of one definition are in checks.ts. A taxonomy column comes after its term
 * set. Keeps what the content types need: the sound shared columns and a site's own columns.
 */
import { storedName } from '../../model/term-store-names.ts';
import type { RowContext } from '../../blueprint-core/report.ts';
import { didYouMean } from '../../blueprint-core/rules.ts';
import { listed, shown } from '../../blueprint-core/names.ts';
import type { RawColumn, RawColumnRef, RawColumnUse } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import { columnId } from '../../blueprint-core/uuid.ts';
import type { EarlierExpansions, KindExpandContext, KindExpansion } from '../kind-spec.ts';
import { checkColumnDef, checkDefault, declaredTermSets } from './checks.ts';
import { columnAddress, type ColumnProps, type ColumnType } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';
import { sharedProps } from '../../blueprint-core/shared-props.ts';

/** What the content type kinds read of the columns' expansion (one blueprint load). */
export interface SharedColumns {
  /** Internal name of a shared column by key, when the key exists and the column is sound. */
  name(key: string): string | undefined;
  keys(): string[];
  /** The internal names (lower case) of the columns emitted for `site`, the site being expanded. */
  siteColumns(site: string): ReadonlySet<string>;
}

/** The columns' expansion, with what it keeps for the content types. */
export interface ColumnExpansion extends KindExpansion {
  readonly columns: SharedColumns;
}

/** The shared columns of the columns' expansion made earlier in this load (the column kind is listed first). */
export function sharedColumnsOf(earlier: EarlierExpansions): SharedColumns {
  const c = earlier.column as Partial<ColumnExpansion> | undefined;
  if (!c?.columns) throw new Error('the column kind must be listed before the content type kinds in src/kinds/kind-list.ts');
  return c.columns;
}

interface SharedColumn {
  def: RawColumn;
  ok: boolean;
}


function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A fresh expansion of columns for one load of a blueprint. */
export function columnExpansion(): ColumnExpansion {
  const shared = new Map<string, SharedColumn>();
  /** internal name -> the type it was first given, and where */
  const columnTypes = new Map<string, { type: ColumnType; path: Path; row?: RowContext }>();
  let termSets = new Map<string, string>();
  let current = { site: '', names: new Set<string>() };

  const registerColumnType = (x: KindExpandContext, name: string, type: ColumnType, path: Path, row?: RowContext): boolean => {
    const other = columnTypes.get(name);
    if (!other) {
      columnTypes.set(name, row ? { type, path, row } : { type, path });
      return true;
    }
    if (other.type === type) return true;
    const at = x.span(other.path);
    const label = `${at.file}:${at.line}:${at.col}${other.row ? ` (in ${other.row.label})` : ''}`;
    x.rep.at(
      'BP310',
      path,
      `column '${name}' is a ${type} column here but a ${other.type} column at ${label}: one internal name has one field id everywhere, so its type must be the same`,
      row ? { row } : {},
    );
    return false;
  };

  const column = (x: KindExpandContext, ref: RawColumnRef, path: Path, parent: string, row?: RowContext): ColumnProps | undefined => {
    if ('use' in ref) {
      const use = ref as RawColumnUse;
      const one = shared.get(use.use);
      if (!one) {
        const guess = didYouMean(use.use, shared.keys());
        const known = [...shared.keys()];
        x.rep.at(
          'BP303',
          [...path, 'use'],
          `unknown shared column '${shown(use.use)}'${guess ? ` (did you mean '${guess}'?)` : known.length ? ` (shared columns: ${listed(known)})` : ' (there is no top-level columns: map)'}`,
          { ...(row ? { row } : {}), address: parent },
        );
        return undefined;
      }
      if (!one.ok) return undefined;
      const def = one.def;
      if (use.default !== undefined && !checkDefault(x.rep, def.type, def.choices, use.default, [...path, 'default'], row)) return undefined;
      return sharedProps(USE_PROPS, use, () =>
        columnProps({
          ...def,
          ...definedProps({ displayName: use.displayName, description: use.description, required: use.required, default: use.default }),
        }),
      );
    }
    const def = ref as RawColumn;
    const addr = columnAddress(parent, def.name);
    if (!checkColumnDef(x.rep, termSets, def, path, row, addr)) return undefined;
    if (!registerColumnType(x, def.name, def.type, path, row)) return undefined;
    return sharedProps(DEF_PROPS, def, () => columnProps(def));
  };

  /** A site's or a list's `columns:`; returns the internal names of the columns emitted. */
  const columns = (x: KindExpandContext, refs: RawColumnRef[] | undefined, base: Path, parent: string, row?: RowContext): string[] => {
    const emitted: string[] = [];
    (refs ?? []).forEach((ref, j) => {
      const path = [...base, 'columns', j];
      if (!row && !x.sound(path)) return;
      const props = column(x, ref, path, parent, row);
      if (!props) return;
      const address = columnAddress(parent, props.name);
      if (!x.claim(address, `column '${props.name}' in ${parent}`, path, row)) return;
      const set = props.termSet ? termSets.get(storedName(props.termSet).toLowerCase()) : undefined;
      x.push({ kind: 'column', address, parent, props, source: x.span(path), ...(set ? { after: [set] } : {}) });
      emitted.push(props.name);
    });
    return emitted;
  };

  return {
    columns: {
      name: (key) => {
        const c = shared.get(key);
        return c?.ok ? c.def.name : undefined;
      },
      keys: () => [...shared.keys()],
      siteColumns: (site) => (site === current.site ? current.names : new Set()),
    },
    top(x, raw) {
      termSets = declaredTermSets(x.resources()); // the term store is expanded first
      if (!isObj(raw.columns)) return;
      for (const [key, def] of Object.entries(raw.columns)) {
        const path = ['columns', key];
        if (!x.sound(path) || !isObj(def)) {
          // declared, with its own error already reported: a use of it is no second error
          shared.set(key, { def: (isObj(def) ? def : {}) as RawColumn, ok: false });
          continue;
        }
        const ok = checkColumnDef(x.rep, termSets, def, path);
        shared.set(key, { def, ok });
        if (ok) registerColumnType(x, def.name, def.type, path);
      }
    },
    siteStart(x, s, path, site, row) {
      current = { site, names: new Set(columns(x, s.columns, path, site, row).map((n) => n.toLowerCase())) };
    },
    listStart(x, l, path, list, _site, row) {
      columns(x, l.columns, path, list, row);
    },
    refusedList(x, l, path, list, _site, row) {
      columns(x, l.columns, path, list, row);
    },
  };
}

/** Props of a shared column's use, and of a column written out, per frozen template part (shared-props.ts). */
const USE_PROPS = new WeakMap<object, ColumnProps>();
const DEF_PROPS = new WeakMap<object, ColumnProps>();

function columnProps(def: RawColumn): ColumnProps {
  return definedProps({
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
