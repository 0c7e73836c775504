/**
 * A read shared by the changes of one apply run (`WriteContext.run`): the first change that needs
 * it loads it, the others wait for that load; a failed load is forgotten so that the next one
 * tries again. Outside an apply run (no `run` map) every call loads. For facts that a run's
 * changes do not alter, or whose users fall back to a fresh read when the fact is missing.
 */
import type { WriteContext } from '../kind-effects.ts';

export function runMemo<T>(ctx: Pick<WriteContext, 'run'>, key: string, load: () => Promise<T>): Promise<T> {
  const run = ctx.run;
  if (!run) return load();
  let p = run.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    run.set(key, p);
    p.catch(() => run.delete(key));
  }
  return p;
}

/**
 * `runMemo` for one change's context, in the shape the shared lookups take (`memo(key, load)`),
 * e.g. a user's id by UPN, which a run's changes never alter: the run's group creates and team
 * memberships name the same few owners again and again.
 */
export function runMemoOf(ctx: Pick<WriteContext, 'run'>): <T>(key: string, load: () => Promise<T>) => Promise<T> {
  return (key, load) => runMemo(ctx, key, load);
}

/** Drops a shared read, so that the next call loads it again (it missed something newer). */
export function forgetRunMemo(ctx: Pick<WriteContext, 'run'>, key: string): void {
  ctx.run?.delete(key);
}

/** A shared read already loaded or loading, if any (to update it after a write). */
export function peekRunMemo<T>(ctx: Pick<WriteContext, 'run'>, key: string): Promise<T> | undefined {
  return ctx.run?.get(key) as Promise<T> | undefined;
}

const madeColumnsKey = (siteId: string) => `site-columns-made:${siteId}`;

/** A site column this run created (its internal name and id), so that linking it needs no read. */
export function rememberSiteColumn(ctx: Pick<WriteContext, 'run'>, siteId: string, name: string, id: string): void {
  if (!ctx.run) return;
  let made = ctx.run.get(madeColumnsKey(siteId)) as Map<string, string> | undefined;
  if (!made) ctx.run.set(madeColumnsKey(siteId), (made = new Map()));
  made.set(name.toLowerCase(), id);
}

/** The id of a site column this run created, by internal name. */
export function siteColumnMade(ctx: Pick<WriteContext, 'run'>, siteId: string, name: string): string | undefined {
  return (ctx.run?.get(madeColumnsKey(siteId)) as Map<string, string> | undefined)?.get(name.toLowerCase());
}

const boundOwnersKey = (groupId: string) => `group-owners-bound:${groupId}`;

/**
 * The users a group's create bound as its owners and members (`owners@odata.bind` and
 * `members@odata.bind`, or added right after it), by object id, so that their team memberships
 * as owners need no second write.
 */
export function rememberBoundOwners(ctx: Pick<WriteContext, 'run'>, groupId: string, userIds: readonly string[]): void {
  ctx.run?.set(boundOwnersKey(groupId), new Set(userIds.map((id) => id.toLowerCase())));
}

/** Whether this run's create of group `groupId` bound `userId` as an owner and a member. */
export function boundAsOwner(ctx: Pick<WriteContext, 'run'>, groupId: string, userId: string): boolean {
  return (ctx.run?.get(boundOwnersKey(groupId)) as Set<string> | undefined)?.has(userId.toLowerCase()) ?? false;
}
