/**
 * Renders a plan for people, Terraform-style: one block per address that changes, marked
 * `+` create, `~` update in place, `-/+` replace, `-` destroy, `?` unknown (could not be read),
 * changed properties as `old -> new`, `!` before properties apply will not write (with the
 * reason), and a closing `Plan: N to add, N to change, N to destroy.`
 * A partial map (only some keys stated, the others kept) shows one line per stated key that
 * changes and a note on how many keys it leaves as they are, never the whole map as if the
 * unstated keys were removed; a lower-bound list (owners, members) shows the names it adds and
 * a note on the names already there, which stay; an exact set the names it gains and loses; an
 * ordered list of named objects or a long one, element by element (render-list.ts).
 * Takes only a Plan. Colour only when the caller asks (a terminal).
 */
import pc from 'picocolors';
import type { Change, PropertyChange } from '../model/change.ts';
import type { Plan } from '../model/plan.ts';
import { listLines, showsAsList } from './render-list.ts';
import { foldedNote, foldUnread } from './fold-unread.ts';

export interface RenderOptions {
  color: boolean;
}

const SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', replace: '-/+', delete: '-', noop: ' ', unknown: '?' };
const VERB: Record<Change['action'], string> = {
  create: 'will be created',
  update: 'will be updated in place',
  replace: 'must be replaced',
  delete: 'will be destroyed',
  noop: 'is up to date',
  unknown: 'could not be read as the blueprint\'s; nothing will be done to it',
};

/** The heading of a prune left undone because the service would refuse it (`Change.pruneRefused`). */
const PRUNE_REFUSED = 'is not pruned: the service would refuse it now; nothing will be done to it';

/** The changes that do nothing (`unknown`): those that could not be read, and prunes the service would refuse (`pruneRefused`). */
export function leftAlone(visible: readonly Change[]): { unread: number; pruneRefused: number } {
  let unread = 0;
  let pruneRefused = 0;
  for (const ch of visible) if (ch.action === 'unknown') ch.pruneRefused ? pruneRefused++ : unread++;
  return { unread, pruneRefused };
}

/** The whole rendering as one string: `planTextChunks` joined (for short plans and tests). */
export function renderPlanText(plan: Plan, options: RenderOptions): string {
  let text = '';
  for (const chunk of planTextChunks(plan, options)) text += chunk;
  return text;
}

/**
 * The rendering in pieces, each ending in a newline: the heading, one block per change that
 * does something, then the APIs and the summary. A caller writes them as they come, so that a
 * plan of 200,000 creates (10,000 workspaces: 53 MB of text) is never held whole in memory.
 */
export function* planTextChunks(plan: Plan, { color }: RenderOptions): Generator<string> {
  const painter = painterOf(color);
  const { c } = painter;
  const visible = plan.changes.filter((ch) => ch.action !== 'noop');
  if (visible.length === 0) {
    yield c.green(c.bold('No changes.')) + ` The tenant matches the blueprint (${plan.changes.length} resources checked).\n`;
    return;
  }
  yield 'm365-provision will perform the following actions:\n\n';
  // what lies under an unreadable resource is one line under its block (fold-unread.ts)
  for (const { change, under } of foldUnread(visible)) {
    yield changeBlockLines(change, painter).join('\n') + '\n\n';
    if (under > 0) yield c.dim(`  #   ${foldedNote(under)}`) + '\n\n';
  }
  const lines: string[] = [];
  const apis = new Map(visible.map((ch) => [ch.kind, ch.api]));
  // One line per kind, so that a plan in a pull request or a pipeline log stays readable.
  const width = Math.max(0, ...[...apis.keys()].map((k) => k.length));
  lines.push(c.dim('APIs:'), ...[...apis].map(([kind, api]) => c.dim(`  ${kind.padEnd(width)}  ${api}`)), '');
  const s = plan.summary;
  let summary = `${c.bold('Plan:')} ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy.`;
  const left = leftAlone(visible);
  if (left.unread > 0) summary += ' ' + c.red(`${left.unread} could not be read.`);
  if (left.pruneRefused > 0) summary += ' ' + c.yellow(`${left.pruneRefused} not pruned (the plan says why).`);
  lines.push(summary);
  const flags = [...new Set(visible.flatMap((ch) => (ch.destructive ? [ch.destructive.flag] : [])))];
  if (flags.length > 0) {
    const n = visible.filter((ch) => ch.destructive).length;
    lines.push(c.red(c.bold(`${n} destructive change${n === 1 ? '' : 's'}: apply refuses ${n === 1 ? 'it' : 'them'} without ${flags.map((f) => `--${f}`).join(', ')}.`)));
  }
  const scripted = visible.filter((ch) => ch.customScript);
  if (scripted.length > 0) {
    const sites = [...new Set(scripted.map((ch) => ch.customScript!.site))].sort();
    lines.push(
      c.yellow(
        c.bold(
          `${scripted.length} change${scripted.length === 1 ? '' : 's'} need${scripted.length === 1 ? 's' : ''} custom script allowed on ${sites.join(', ')}: apply refuses ${scripted.length === 1 ? 'it' : 'them'} without --allow-custom-script (which allows it there, through the tenant admin API, right before the change).`,
        ),
      ),
    );
  }
  yield lines.join('\n') + '\n';
}

/** The colours of a rendering: picocolors' (or none), and one per action. */
export interface Painter {
  c: ReturnType<typeof pc.createColors>;
  paint: Record<Change['action'], (s: string) => string>;
}

/** The painter of a rendering, with colour or without. */
export function painterOf(color: boolean): Painter {
  const c = color ? pc : pc.createColors(false);
  return { c, paint: { create: c.green, update: c.yellow, replace: c.magenta, delete: c.red, noop: (s) => s, unknown: c.red } };
}

/**
 * One change's block as lines, Terraform-style (no blank line after it): its address and verb, the
 * destructive and custom-script warnings, the symbol, kind and address, its properties, and what
 * will not be applied. Shared by the text and the Markdown renderings.
 */
export function changeBlockLines(ch: Change, { c, paint }: Painter): string[] {
  const lines: string[] = [];
  lines.push(c.bold(`  # ${ch.address}`) + ` ${ch.action === 'unknown' && ch.pruneRefused ? PRUNE_REFUSED : VERB[ch.action]}`);
  if (ch.destructive) {
    lines.push(c.red(c.bold(`  # !! DESTRUCTIVE: ${ch.destructive.reason}; apply needs --${ch.destructive.flag}`)));
  }
  if (ch.customScript) {
    lines.push(c.yellow(c.bold(`  # !! NEEDS CUSTOM SCRIPT on ${ch.customScript.site}: ${ch.customScript.reason}; apply needs --allow-custom-script`)));
  }
  lines.push(`${paint[ch.action](SYMBOL[ch.action].padStart(3))} ${ch.kind} ${ch.address}`);
  lines.push(...propertyLines(ch, paint, c.dim));
  if (ch.notApplied) {
    lines.push(c.yellow(`      ! ${ch.notApplied.props.join(', ')}: will not be applied: ${ch.notApplied.reason}`));
  }
  return lines;
}

function propertyLines(ch: Change, paint: Record<Change['action'], (s: string) => string>, dim: (s: string) => string): string[] {
  const pad = (names: string[]) => Math.max(0, ...names.map((n) => n.length));
  switch (ch.action) {
    case 'create': {
      const w = pad(Object.keys(ch.after));
      return Object.entries(ch.after).map(([k, v]) => `      ${paint.create('+')} ${k.padEnd(w)} = ${show(v)}`);
    }
    case 'update':
      return changedLines(ch.changes, paint.update, paint.create, paint.delete, dim);
    case 'replace': {
      if (ch.changes) return [...changedLines(ch.changes, paint.replace, paint.create, paint.delete, dim), dim(`      (${ch.reason})`)];
      // a plan saved before replaces carried their differences: compared key by key
      const names = Object.keys(ch.after);
      const w = pad(names);
      return [
        ...names
          .filter((k) => show(ch.before[k]) !== show(ch.after[k]))
          .map((k) => `      ${paint.replace('~')} ${k.padEnd(w)} = ${show(ch.before[k])} -> ${show(ch.after[k])} ${paint.replace('# forces replacement')}`),
        dim(`      (${ch.reason})`),
      ];
    }
    case 'delete': {
      const w = pad(Object.keys(ch.before));
      return Object.entries(ch.before).map(([k, v]) => `      ${paint.delete('-')} ${k.padEnd(w)} = ${show(v)}`);
    }
    case 'unknown':
      return [dim(`      (${ch.reason})`)];
    case 'noop':
      return [];
  }
}

/**
 * The lines of changed properties: `~ name = old -> new` (marked when it alone forces a replace),
 * a partial map's stated keys, a lower-bound list's names to add.
 */
function changedLines(changes: readonly PropertyChange[], mark: (s: string) => string, add: (s: string) => string, remove: (s: string) => string, dim: (s: string) => string): string[] {
  const w = Math.max(0, ...changes.map((d) => d.name.length));
  const paint = { mark, add, remove, dim };
  return changes.flatMap((d) => {
    const forces = d.forcesReplacement ? ` ${mark('# forces replacement')}` : '';
    if (d.partial && isMap(d.after)) return partialMapLines(d.name, d.before, d.after, mark, dim);
    if (!d.partial && showsAsList(d.before, d.after, d.set === true)) {
      const lines = listLines(d.name, d.before, d.after as unknown[], paint, d.set !== true);
      lines[0] += forces;
      return lines;
    }
    if ((d.partial || d.set) && Array.isArray(d.after)) return nameLines(d.name, d.before, d.after, d.set === true, paint);
    return [`      ${mark('~')} ${d.name.padEnd(w)} = ${show(d.before)} -> ${show(d.after)}${forces}`];
  });
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A partial map's change, Terraform-style: `~ key = old -> new` for a stated key that differs,
 * `+ key = new` for one the tenant lacks, and a note for the keys left as they are (stated and
 * equal, or not stated at all).
 */
function partialMapLines(name: string, before: unknown, after: Record<string, unknown>, paint: (s: string) => string, dim: (s: string) => string): string[] {
  const have = isMap(before) ? before : {};
  const changed = Object.keys(after).filter((k) => show(have[k]) !== show(after[k]));
  const w = Math.max(0, ...changed.map((k) => JSON.stringify(k).length));
  const lines = [`      ${paint('~')} ${name} = {`];
  for (const k of changed) {
    const key = JSON.stringify(k).padEnd(w);
    lines.push(k in have ? `          ${paint('~')} ${key} = ${show(have[k])} -> ${show(after[k])}` : `          ${paint('+')} ${key} = ${show(after[k])}`);
  }
  const kept = Object.keys({ ...have, ...after }).length - changed.length;
  if (kept > 0) lines.push(dim(`            # (${kept} unchanged key${kept === 1 ? '' : 's'} not shown; keys the blueprint does not state are kept)`));
  lines.push('        }');
  return lines;
}

/**
 * A list of names' change, compared case-insensitively as the service compares names: `+ name`
 * for each stated name the tenant lacks; for an exact set (permission levels, base permissions,
 * exact members) also `- name` for each it loses, and a count of those it keeps; for a lower
 * bound (owners, members) a note on the names already there, which stay: never the whole list
 * as if the names the blueprint does not state were removed.
 */
function nameLines(name: string, before: unknown, after: readonly unknown[], exact: boolean, paint: { mark: (s: string) => string; add: (s: string) => string; remove: (s: string) => string; dim: (s: string) => string }): string[] {
  const have = Array.isArray(before) ? before : [];
  const key = (v: unknown) => String(v).toLowerCase();
  const held = new Set(have.map(key));
  const lines = [`      ${paint.mark('~')} ${name} = [`];
  for (const v of after) if (!held.has(key(v))) lines.push(`          ${paint.add('+')} ${show(v)}`);
  if (exact) {
    const wanted = new Set(after.map(key));
    for (const v of have) if (!wanted.has(key(v))) lines.push(`          ${paint.remove('-')} ${show(v)}`);
    const kept = after.filter((v) => held.has(key(v))).length;
    if (kept > 0) lines.push(paint.dim(`            # (${kept} unchanged not shown)`));
  } else if (have.length > 0) lines.push(paint.dim(`            # (${have.length} already there not shown; names the blueprint does not state are kept)`));
  lines.push('        ]');
  return lines;
}

function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  return JSON.stringify(value);
}
