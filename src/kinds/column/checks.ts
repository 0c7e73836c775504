/**
 * Checks of one column definition as the blueprint writes it (inline or shared): its internal
 * and display names (BP306, BP315), choices and default against its type (BP311), and a taxonomy
 * column's binding to a declared term set (BP523, BP525). Pure: they only report.
 */
import { storedName } from '../../model/term-store-names.ts';
import type { AnyDesiredResource } from '../../model/resources.ts';
import type { Reporter, RowContext } from '../../blueprint-core/report.ts';
import { checkColumnName, checkTitle, didYouMean } from '../../blueprint-core/rules.ts';
import { nameCharProblem } from '../../blueprint-core/names.ts';
import type { RawColumn } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { ColumnDefault, ColumnType } from './model.ts';

/**
 * The term sets declared in the blueprint's `termStore:`, by `Group/Set` in lower case (a set's
 * names in other languages too) -> the set's address, read from the term store's resources
 * (expanded before the columns).
 */
export function declaredTermSets(resources: readonly AnyDesiredResource[]): Map<string, string> {
  const groups = new Map<string, string>();
  const sets = new Map<string, string>();
  for (const r of resources) {
    if (r.kind === 'termGroup') groups.set(r.address, r.props.name);
    else if (r.kind === 'termSet' && r.parent !== undefined) {
      const group = groups.get(r.parent);
      if (group === undefined) continue;
      sets.set(`${group}/${r.props.name}`.toLowerCase(), r.address);
      for (const other of Object.values(r.props.names ?? {})) sets.set(`${group}/${other}`.toLowerCase(), r.address);
    }
  }
  return sets;
}

/** A default value against the column's type (BP311); false when it is refused. */
export function checkDefault(rep: Reporter, type: ColumnType, choices: string[] | undefined, value: ColumnDefault, path: Path, row?: RowContext): boolean {
  let problem: string | undefined;
  switch (type) {
    case 'taxonomy':
      return true; // checked with the binding (checkTaxonomy)
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
  if (problem) rep.at('BP311', path, problem, row ? { row } : {});
  return !problem;
}

/** Checks an inline column definition; reports and returns false when it is not usable. `termSets`: see declaredTermSets. */
export function checkColumnDef(rep: Reporter, termSets: ReadonlyMap<string, string>, def: RawColumn, path: Path, row?: RowContext, address?: string): boolean {
  let ok = true;
  const o = { ...(row ? { row } : {}), ...(address ? { address } : {}) };
  const nameChar = nameCharProblem('internal name', def.name);
  const nameProblem = nameChar ?? checkColumnName(def.name);
  if (nameProblem) {
    rep.at(nameChar ? 'BP315' : 'BP306', [...path, 'name'], nameProblem, { ...o, onePerPlace: Boolean(nameChar) });
    ok = false;
  }
  if (typeof def.displayName === 'string') {
    const t = checkTitle('column display name', def.displayName);
    if (t) {
      rep.at('BP315', [...path, 'displayName'], t, { ...o, onePerPlace: true });
      ok = false;
    }
  }
  if (def.type === 'choice') {
    if (!def.choices) {
      rep.at('BP311', path, `choice column '${def.name}' needs choices: a non-empty list`, o);
      ok = false;
    } else {
      const seen = new Set<string>();
      def.choices.forEach((c, j) => {
        if (seen.has(c)) {
          rep.at('BP311', [...path, 'choices', j], `choice '${c}' appears twice`, o);
          ok = false;
        }
        seen.add(c);
      });
    }
  } else if (def.choices) {
    rep.at('BP311', [...path, 'choices'], `choices are only for choice columns; '${def.name}' is a ${def.type} column`, o);
    ok = false;
  }
  if (def.default !== undefined && !checkDefault(rep, def.type, def.choices, def.default, [...path, 'default'], row)) ok = false;
  if (!checkTaxonomy(rep, termSets, def, path, row, address)) ok = false;
  return ok;
}

/** Checks a taxonomy column's binding (and that other columns have none); false when it is unusable. */
function checkTaxonomy(rep: Reporter, sets: ReadonlyMap<string, string>, def: RawColumn, path: Path, row?: RowContext, address?: string): boolean {
  const o = { ...(row ? { row } : {}), ...(address ? { address } : {}) };
  if (def.type !== 'taxonomy') {
    for (const k of ['termSet', 'allowMultiple'] as const) {
      if (def[k] !== undefined) {
        rep.at('BP525', [...path, k], `'${k}' is for taxonomy columns; '${def.name}' is a ${def.type} column`, { ...o, atKey: true });
        return false;
      }
    }
    return true;
  }
  if (def.default !== undefined) {
    rep.at('BP525', [...path, 'default'], `defaults of taxonomy columns are not supported yet ('${def.name}')`, o);
    return false;
  }
  if (!def.termSet) {
    rep.at('BP523', path, `taxonomy column '${def.name}' needs termSet: "Group/Set", a term set declared in termStore:`, o);
    return false;
  }
  if (!sets.has(storedName(def.termSet).toLowerCase())) {
    const guess = didYouMean(def.termSet, [...sets.keys()]);
    rep.at(
      'BP523',
      [...path, 'termSet'],
      `term set '${def.termSet}' is not declared in termStore:${guess ? ` (did you mean '${guess}'?)` : sets.size ? '' : ' (there is no termStore: groups)'}`,
      o,
    );
    return false;
  }
  return true;
}
