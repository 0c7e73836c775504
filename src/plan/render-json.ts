/**
 * The JSON form of a plan (`--json`, `--out`): the Plan itself, where every change carries
 * `before` and `after` (null when not applicable). `formatVersion` tells readers which shape
 * this is; `parsePlanJson` reads it back for `apply <saved plan>`.
 */
import type { Change } from '../model/change.ts';
import { PLAN_FORMAT_VERSION, type Plan } from '../model/plan.ts';

export function renderPlanJson(plan: Plan): string {
  let text = '';
  for (const chunk of planJsonChunks(plan)) text += chunk;
  return text;
}

/**
 * The same text as `JSON.stringify(plan, null, 2)` with each change's `before` and `after`
 * (null when absent) first, in pieces: a top-level field at a time, and one piece per desired
 * resource and per change, so that a saved plan of 10,000 workspaces (200,000 resources and as
 * many changes, ~217 MB) is written as it is made instead of being built whole in memory.
 */
export function* planJsonChunks(plan: Plan): Generator<string> {
  // The fields JSON.stringify leaves out of an object (undefined, a function, a symbol).
  const entries = Object.entries(plan).filter(([, value]) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol');
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    yield `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (key === 'changes') yield* arrayChunks(plan.changes, (c) => ({ before: null, after: null, ...c }));
    else if (key === 'resources') yield* arrayChunks(plan.resources, (r) => r);
    else yield indented(JSON.stringify(value, null, 2), '  ');
  }
  yield entries.length === 0 ? '}\n' : '\n}\n';
}

/** A top-level array as JSON.stringify(…, null, 2) writes it at depth 1, an element a piece. */
function* arrayChunks<T>(items: readonly T[], shape: (item: T) => unknown): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  yield '[';
  for (let i = 0; i < items.length; i++) {
    // An element JSON cannot represent (undefined) is null in an array, as JSON.stringify writes it.
    const json = JSON.stringify(shape(items[i]!), null, 2) ?? 'null';
    yield `${i === 0 ? '' : ','}\n    ${indented(json, '    ')}`;
  }
  yield '\n  ]';
}

/** `json`'s lines after the first indented by `pad` (a JSON text holds no raw newline in a string). */
function indented(json: string, pad: string): string {
  return json.includes('\n') ? json.replaceAll('\n', `\n${pad}`) : json;
}

export function parsePlanJson(text: string, file: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not a JSON plan (${(error as Error).message})`);
  }
  return planOf(value, file);
}

/** A parsed JSON plan checked (its format, its parts, its tenant) and its written nulls left out (in `value` itself). */
export function planOf(value: unknown, file: string): Plan {
  const plan = value as Partial<Plan>;
  if (typeof plan.formatVersion === 'number' && plan.formatVersion >= 1 && plan.formatVersion < PLAN_FORMAT_VERSION) {
    throw new Error(`${file}: the plan was made by an older version of m365-provision (plan formatVersion ${plan.formatVersion}; this version reads ${PLAN_FORMAT_VERSION}): plan again`);
  }
  if (plan.formatVersion !== PLAN_FORMAT_VERSION) {
    throw new Error(`${file}: plan formatVersion ${String(plan.formatVersion)} is not supported (this version reads ${PLAN_FORMAT_VERSION}); make a new plan with this version`);
  }
  if (!Array.isArray(plan.changes) || !Array.isArray(plan.resources) || typeof plan.fingerprint !== 'string') {
    throw new Error(`${file}: not a complete plan (changes, resources and fingerprint are required)`);
  }
  if (typeof plan.target?.tenantId !== 'string' || typeof plan.target.host !== 'string') {
    throw new Error(`${file}: the plan does not record the tenant it was made against (target.tenantId and target.host are required)`);
  }
  // The written nulls (no before, no after) are left out again. In place, a change at a time: a
  // saved plan of 10,000 workspaces holds 200,000 changes, and a copy of the array held both
  // (and `delete` turned each copy into a slower, larger dictionary-mode object).
  const changes = plan.changes as (Record<string, unknown> & Change)[];
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (change.before === null || change.after === null) changes[i] = withoutNulls(change) as typeof change;
  }
  return { ...(plan as Plan), prune: plan.prune ?? [], changes };
}

/** `change` without its `before` and `after` where they are null, its other keys in order. */
function withoutNulls(change: Record<string, unknown>): Change {
  const out: Record<string, unknown> = {};
  for (const key in change) if (!((key === 'before' || key === 'after') && change[key] === null)) out[key] = change[key];
  return out as unknown as Change;
}
