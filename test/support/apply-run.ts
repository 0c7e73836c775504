/**
 * The set-up engine-level end-to-end tests share: a local tenant in a fresh folder of its own, a
 * blueprint in the repository loaded (diagnostics become the error), and applying a plan the way
 * `provision apply --yes` does: through the engine's apply run (src/engine/run-apply.ts: lock,
 * lease, consent, journal, audit, events), never by calling the executor directly.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplyEvent, ApplyResult } from '../../src/apply/events.ts';
import { loadDesired } from '../../src/engine/plan-blueprint.ts';
import { runApply } from '../../src/engine/run-apply.ts';
import type { DestructiveFlag } from '../../src/model/change.ts';
import type { Plan } from '../../src/model/plan.ts';
import type { Desired } from '../../src/model/resources.ts';
import { openTarget, stateDirOf, type LocalBehaviour, type Target } from '../../src/tenant/target.ts';
import type { ClientOptions } from '../../src/tenant/tenant-client.ts';
import { repoRoot } from './cli.ts';

/** A local tenant kept in a new temporary folder named after `prefix`; `cwd` is that folder. */
export async function openLocalTarget(prefix: string, local?: LocalBehaviour, cwd?: string, transport?: ClientOptions): Promise<{ target: Target; cwd: string }> {
  const dir = cwd ?? (await mkdtemp(join(tmpdir(), `provision-${prefix}-`)));
  const target = await openTarget({ tenant: 'local', cwd: dir, ...(local ? { local } : {}), ...(transport ? { transport } : {}) });
  stateDirs.set(target, stateDirOf(dir));
  return { target, cwd: dir };
}

/** Runs `use` against a local tenant of its own (openLocalTarget), closed afterwards. */
export async function withLocalTarget<T>(prefix: string, use: (target: Target, cwd: string) => Promise<T>, local?: LocalBehaviour, cwd?: string): Promise<T> {
  const opened = await openLocalTarget(prefix, local, cwd);
  try {
    return await use(opened.target, opened.cwd);
  } finally {
    await opened.target.close();
  }
}

/** A blueprint of the repository (`blueprints/<name>/blueprint.yaml`), valid or the error. */
export async function exampleBlueprint(name: string): Promise<Desired> {
  const load = await loadDesired(join(repoRoot, 'blueprints', name, 'blueprint.yaml'));
  if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
  return load.desired;
}

export interface ApplyRunOptions {
  concurrency?: number;
  allow?: readonly DestructiveFlag[] | ReadonlySet<DestructiveFlag>;
  allowCustomScript?: boolean;
  onEvent?(event: ApplyEvent): void;
}

/** The state folder (lock, journal, audit log) of each target: its own folder's, else a new one. */
const stateDirs = new WeakMap<Target, string>();

async function stateDirFor(target: Target): Promise<string> {
  let dir = stateDirs.get(target);
  if (!dir) stateDirs.set(target, (dir = stateDirOf(await mkdtemp(join(tmpdir(), 'provision-state-')))));
  return dir;
}

/**
 * Applies `plan` (just made against `target`) through the engine's apply run, as `apply --yes`
 * would after planning, and gives the executor's result. A run that did not apply (refused by
 * consent, the lock, the credential) is an error naming how it ended.
 */
export async function applyRun(target: Target, plan: Plan, options: ApplyRunOptions = {}): Promise<ApplyResult> {
  const outcome = await runApply({
    tenant: target.client,
    tenantName: target.name,
    stateDir: await stateDirFor(target),
    source: { plan },
    concurrency: options.concurrency ?? 8,
    allow: new Set(options.allow ?? []),
    allowCustomScript: options.allowCustomScript === true,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  if (outcome.status !== 'applied') throw new Error(`the apply run ended '${outcome.status}': ${JSON.stringify(outcome).slice(0, 2000)}`);
  return outcome.result;
}
