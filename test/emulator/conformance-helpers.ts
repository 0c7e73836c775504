/**
 * Helpers of the conformance tests against Microsoft's documented examples
 * (test/fixtures/reference/graph-examples, a copy of ../shared/reference): the documented request and response of an operation,
 * and `check`: the status matches, every documented response property is present with the same
 * JSON type, and every returned property is defined for the entity in graph-v1.0-entities.json.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Microsoft's reference data, vendored in test/fixtures/reference (a copy of ../shared/reference). */
export const REF = process.env.M365_REFERENCE_DIR ?? path.resolve(import.meta.dirname, '../fixtures/reference');
/** Always true with the vendored copy; a missing copy fails the conformance tests instead of skipping them. */
export const hasRef = true;
if (!fs.existsSync(path.join(REF, 'graph-v1.0-entities.json'))) throw new Error(`Microsoft's reference data is missing at ${REF}`);

export interface Example {
  title?: string;
  request: { method: string; url: string; body: string | null; bodyParsed?: unknown; headers?: Record<string, string> };
  response: { status: number; body: string | null; bodyParsed?: unknown };
}

export function examples(op: string): Example[] {
  const d = JSON.parse(fs.readFileSync(path.join(REF, 'graph-examples', `${op}.json`), 'utf8')) as { request: Example['request']; response: Example['response']; examples?: Example[] };
  return d.examples && d.examples.length ? d.examples : [{ request: d.request, response: d.response }];
}

interface PropDef {
  name: string;
  nullable?: boolean;
}
interface TypeDef {
  baseType: string | null;
  properties?: PropDef[];
  navigation?: { name: string }[];
}

let loaded: Record<string, TypeDef> | undefined;

function entities(): Record<string, TypeDef> {
  loaded ??= (JSON.parse(fs.readFileSync(path.join(REF, 'graph-v1.0-entities.json'), 'utf8')) as { types: Record<string, TypeDef> }).types;
  return loaded;
}

export function entityProps(type: string): Map<string, PropDef> {
  const out = new Map<string, PropDef>();
  for (let t: string | null = `microsoft.graph.${type}`; t; ) {
    const def: TypeDef | undefined = entities()[t];
    if (!def) break;
    for (const p of def.properties ?? []) out.set(p.name, p);
    for (const n of def.navigation ?? []) out.set(n.name, { name: n.name });
    t = def.baseType;
  }
  return out;
}

/** A checked type table's names (properties and navigation, lower case, sorted), to compare with `referenceNames`. */
export function declaredNames(table: { properties: ReadonlySet<string>; navigation: ReadonlySet<string> }): string[] {
  return [...table.properties, ...table.navigation].sort();
}

/** What the v1.0 metadata declares for `microsoft.graph.<type>`, inherited and navigation properties included (lower case, sorted). */
export function referenceNames(type: string): string[] {
  return [...entityProps(type).keys()].map((n) => n.toLowerCase()).sort();
}

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Every documented property is present in `actual` with the same JSON type (recursively). */
export function sameShape(doc: unknown, actual: unknown, where: string, props: Map<string, PropDef> | null, problems: string[]): void {
  if (doc === null) return; // documented as null: any value is fine
  const dt = jsonType(doc);
  const at = jsonType(actual);
  if (at === 'null' && where.split('.').length === 2 && props) {
    const name = where.split('.')[1]!;
    if (props.get(name)?.nullable !== false) return; // a nullable property that is null here
  }
  if (dt !== at) {
    problems.push(`${where}: documented ${dt}, got ${at}`);
    return;
  }
  if (dt === 'object') {
    const d = doc as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const k of Object.keys(d)) {
      if (k.startsWith('@odata.') && k !== '@odata.context') continue;
      if (!(k in a)) problems.push(`${where}.${k}: missing`);
      else sameShape(d[k], a[k], `${where}.${k}`, props, problems);
    }
  } else if (dt === 'array') {
    const d = doc as unknown[];
    const a = actual as unknown[];
    if (d.length && a.length) sameShape(d[0], a[0], `${where}[0]`, null, problems);
  }
}

export function namesDefined(obj: Record<string, unknown>, props: Map<string, PropDef>, where: string, problems: string[]): void {
  for (const k of Object.keys(obj)) {
    if (k.startsWith('@')) continue;
    if (!props.has(k)) problems.push(`${where}.${k}: not a property of the entity`);
  }
}

export function check(ex: Example, status: number, body: unknown, entity: string, collection: boolean): string[] {
  const problems: string[] = [];
  if (status !== ex.response.status) problems.push(`status: documented ${ex.response.status}, got ${status}`);
  const doc = ex.response.bodyParsed ?? (ex.response.body ? JSON.parse(ex.response.body) : null);
  if (doc === null || typeof doc !== 'object') return problems;
  const props = entityProps(entity);
  if (collection) {
    const d = doc as { value: unknown[] };
    const a = body as { value: Record<string, unknown>[] };
    if (!Array.isArray(a?.value)) return [...problems, 'value: missing'];
    for (const [i, item] of d.value.entries()) {
      // match the documented item by name when the emulator has one of that name (e.g. the Title column)
      const name = (item as { name?: unknown }).name;
      const mine = a.value.find((x) => name !== undefined && x.name === name) ?? a.value[i] ?? a.value[0];
      if (!mine) problems.push(`value[${i}]: no item returned`);
      else sameShape(item, mine, `value[${i}]`, props, problems);
    }
    for (const item of a.value) namesDefined(item, props, 'value[]', problems);
  } else {
    sameShape(doc, body, '$', props, problems);
    if (body && typeof body === 'object') namesDefined(body as Record<string, unknown>, props, '$', problems);
  }
  return problems;
}

/** The documented request body of an example. */
export function body(ex: Example): Record<string, unknown> {
  return (ex.request.bodyParsed ?? (ex.request.body ? JSON.parse(ex.request.body) : {})) as Record<string, unknown>;
}
