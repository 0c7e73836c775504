/**
 * The JSON form of a plan (`--json`, `--out`): the Plan itself, where every change carries
 * `before` and `after` (null when not applicable). `formatVersion` tells readers which shape
 * this is; `parsePlanJson` reads it back for `apply <saved plan>`.
 */
import type { Change } from '../model/change.ts';
import { PLAN_FORMAT_VERSION, type Plan } from '../model/plan.ts';

export function renderPlanJson(plan: Plan): string {
  const changes = plan.changes.map((c) => ({ before: null, after: null, ...c }));
  return JSON.stringify({ ...plan, changes }, null, 2) + '\n';
}

export function parsePlanJson(text: string, file: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not a JSON plan (${(error as Error).message})`);
  }
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
  const changes = plan.changes.map((c) => {
    const copy = { ...(c as Change & { before?: unknown; after?: unknown }) };
    if (copy.before === null) delete copy.before;
    if (copy.after === null) delete copy.after;
    return copy as Change;
  });
  return { ...(plan as Plan), prune: plan.prune ?? [], changes };
}
