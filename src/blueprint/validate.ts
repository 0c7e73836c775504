/**
 * Schema validation with ajv (strict, allErrors) and the mapping of its errors to plain messages
 * at the YAML node that caused them.
 */
import type { ErrorObject } from 'ajv';
import { columnAddress } from '../kinds/column/model.ts';
import { listAddress } from '../kinds/list/model.ts';
import { siteAddress } from '../kinds/site/model.ts';
import type { Code } from '../blueprint-core/codes.ts';
import { didYouMean } from '../blueprint-core/rules.ts';
import { formatPath, pointerToPath, type Path } from '../blueprint-core/source.ts';
import type { Reporter, RowContext } from '../blueprint-core/report.ts';
import { loadValidators, type BlueprintValidators } from './validator-cache.ts';
import { keyPatternMessage, valuePatternMessage } from './pattern-message.ts';

let validators: BlueprintValidators | undefined;

function compiled(): BlueprintValidators {
  validators ??= loadValidators();
  return validators;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text '${v.length > 40 ? v.slice(0, 40) + '...' : v}'`;
  return `${typeof v} ${String(v)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'empty',
};

function nameOf(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i]!;
    if (typeof seg === 'string') return i === path.length - 1 ? `'${seg}'` : `'${formatPath(path.slice(i))}'`;
  }
  return 'the blueprint';
}

export interface SchemaProblem {
  code: Code;
  path: Path;
  atKey: boolean;
  message: string;
  /** For BP202: the missing property. */
  missing?: string;
}

/** Plain problems from ajv errors; `if` wrappers and the parts of an `anyOf` are merged. */
export function explain(errors: ErrorObject[]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (!anyOfPaths.has(e.instancePath)) continue;
    const list = byPath.get(e.instancePath);
    if (list) list.push(e);
    else byPath.set(e.instancePath, [e]);
  }
  for (const e of errors) {
    const path = pointerToPath(e.instancePath);
    const name = nameOf(path);
    if (e.keyword === 'if') continue;
    if (anyOfPaths.has(e.instancePath) && e.keyword !== 'anyOf') continue;
    if (path[0] === 'version' && path.length === 1) {
      out.push({ code: 'BP106', path, atKey: false, message: `unsupported version ${kindOf(e.data)}: this loader reads 'version: 1'` });
      continue;
    }
    switch (e.keyword) {
      case 'additionalProperties': {
        const prop = String((e.params as { additionalProperty: string }).additionalProperty);
        const props = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
        const guess = didYouMean(prop, props);
        out.push({
          code: 'BP201',
          path: [...path, prop],
          atKey: true,
          message: `unknown property '${prop}'${guess ? ` (did you mean '${guess}'?)` : props.length ? ` (allowed: ${props.join(', ')})` : ''}`,
        });
        break;
      }
      case 'required': {
        const prop = String((e.params as { missingProperty: string }).missingProperty);
        if (path.length === 0 && prop === 'version') {
          out.push({ code: 'BP106', path, atKey: false, message: "missing 'version: 1' (the blueprint format version)" });
        } else {
          out.push({ code: 'BP202', path, atKey: false, missing: prop, message: `missing required property '${prop}'${path.length ? ` in ${formatPath(path)}` : ''}` });
        }
        break;
      }
      case 'type': {
        const t = (e.params as { type: string | string[] }).type;
        const want = (Array.isArray(t) ? t : String(t).split(',')).map((x) => TYPE_WORDS[x] ?? x).join(' or ');
        out.push({ code: 'BP203', path, atKey: false, message: `${name} must be ${want}, not ${kindOf(e.data)}` });
        break;
      }
      case 'enum':
      case 'anyOf': {
        let allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
        if (e.keyword === 'anyOf') {
          const inner = byPath.get(e.instancePath)?.find((x) => x.keyword === 'enum');
          allowed = (inner?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
          const typeErr = byPath.get(e.instancePath)?.find((x) => x.keyword === 'type');
          if (typeErr && typeof e.data !== 'string') {
            out.push({ code: 'BP203', path, atKey: false, message: `${name} must be text, not ${kindOf(e.data)}` });
            break;
          }
        }
        const list = (allowed ?? []).map(String);
        const guess = typeof e.data === 'string' ? didYouMean(e.data, list) : undefined;
        out.push({
          code: 'BP204',
          path,
          atKey: false,
          message: `${name} must be one of ${list.join(', ')}${e.keyword === 'anyOf' ? ' (or a {{ row.field }} placeholder)' : ''}, not ${kindOf(e.data)}${guess ? ` (did you mean '${guess}'?)` : ''}`,
        });
        break;
      }
      case 'const':
        out.push({ code: 'BP204', path, atKey: false, message: `${name} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` });
        break;
      case 'minLength':
        out.push({ code: 'BP205', path, atKey: false, message: `${name} must not be empty` });
        break;
      case 'maxLength':
        out.push({
          code: 'BP205',
          path,
          atKey: false,
          message: `${name} is ${String(e.data).length} characters long (at most ${(e.params as { limit: number }).limit})`,
        });
        break;
      case 'maxItems':
        out.push({ code: 'BP205', path, atKey: false, message: `${name} has ${Array.isArray(e.data) ? e.data.length : 'too many'} items (at most ${(e.params as { limit: number }).limit})` });
        break;
      case 'minItems':
        out.push({ code: 'BP205', path, atKey: false, message: `${name} must have at least ${(e.params as { limit: number }).limit} item` });
        break;
      case 'propertyNames':
        break;
      case 'pattern': {
        const pn = (e as ErrorObject & { propertyName?: string }).propertyName;
        if (pn !== undefined) {
          out.push({ code: 'BP205', path: [...path, pn], atKey: true, message: keyPatternMessage(pn, (e.params as { pattern: string }).pattern) });
        } else {
          out.push({ code: 'BP205', path, atKey: false, message: valuePatternMessage(name, e.data, (e.params as { pattern: string }).pattern) });
        }
        break;
      }
      default:
        out.push({ code: 'BP205', path, atKey: false, message: `${name} ${e.message ?? 'is not valid'}` });
    }
  }
  return out;
}

function get(o: unknown, key: string | number): unknown {
  return o && typeof o === 'object' && Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/** The resource address of a hand-written site, list or column at `path`, when it can be known. */
export function addressAt(data: unknown, path: Path): string | undefined {
  if (path[0] !== 'sites' || typeof path[1] !== 'number') return undefined;
  const site = get(get(data, 'sites'), path[1]);
  const url = get(site, 'url');
  if (typeof url !== 'string') return undefined;
  let address = siteAddress(url);
  let node = site;
  let i = 2;
  if (path[i] === 'lists' && typeof path[i + 1] === 'number') {
    node = get(get(site, 'lists'), path[i + 1]!);
    const lurl = get(node, 'url');
    if (typeof lurl !== 'string') return address;
    address = listAddress(address, lurl);
    i += 2;
  }
  if (path[i] === 'columns' && typeof path[i + 1] === 'number') {
    const col = get(get(node, 'columns'), path[i + 1]!);
    const use = get(col, 'use');
    const name = typeof use === 'string' ? get(get(get(data, 'columns'), use), 'name') : get(col, 'name');
    if (typeof name === 'string') address = columnAddress(address, name);
  }
  return address;
}

/** Validates the whole blueprint; returns the problems that make a part unusable. */
export function validateBlueprint(data: unknown, rep: Reporter): SchemaProblem[] {
  const v = compiled().blueprint;
  if (v(data)) return [];
  const problems = explain(v.errors ?? []);
  for (const p of problems) {
    const address = addressAt(data, p.path);
    rep.at(p.code, p.path, p.message, { atKey: p.atKey, ...(address ? { address } : {}) });
  }
  // Unknown properties are ignored by the expansion and do not block the rest of their element.
  return problems.filter((p) => p.code !== 'BP201' && p.code !== 'BP106');
}

/** Validates one expanded site (from a template and a row); problems point at the template's nodes. */
export function validateExpandedSite(data: unknown, templatePath: Path, rep: Reporter, row: RowContext, address: string): boolean {
  const v = compiled().site;
  if (v(data)) return true;
  for (const p of explain(v.errors ?? [])) {
    rep.at(p.code, [...templatePath, ...p.path], p.message, { atKey: p.atKey, row, address });
  }
  return false;
}
