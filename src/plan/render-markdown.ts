/**
 * Renders a plan as Markdown, for a pull request comment or a pipeline's job summary: the plan's
 * line (`Plan: N to add, …`), alerts for destructive changes and changes that need custom script,
 * a table of the changes by kind and action, then the changes as `diff` blocks (a hosting site
 * colours `+` and `-` lines, and `!` for an update): destructive and unreadable changes first and
 * open, the others folded in `<details>`.
 * Bounded: the text is never longer than `maxChars` (default MARKDOWN_MAX_CHARS, under GitHub's
 * 65,536 characters for a comment). The changes that do not fit are counted, not shown, so a plan
 * of 10,000 workspaces gives a comment of the same size as a plan of a hundred; the whole plan is
 * `provision plan` (text) or `--out plan.json`.
 * Takes only a Plan.
 */
import type { Change } from '../model/change.ts';
import type { Plan } from '../model/plan.ts';
import { changeBlockLines, leftAlone, painterOf } from './render-text.ts';
import { foldedNote, foldUnread } from './fold-unread.ts';

/** The longest rendering by default: a GitHub comment holds 65,536 characters. */
export const MARKDOWN_MAX_CHARS = 65_000;

/** Room kept for the closing line that counts the changes not shown. */
const NOT_SHOWN_LINE = 200;

/** The shortest bound accepted: the heading, the alerts and a table of a few kinds must fit. */
export const MARKDOWN_MIN_CHARS = 2_000;

const plain = painterOf(false);

type Column = 'create' | 'update' | 'replace' | 'delete' | 'unknown';
const COLUMNS: { action: Column; title: string }[] = [
  { action: 'create', title: 'add' },
  { action: 'update', title: 'change' },
  { action: 'replace', title: 'replace' },
  { action: 'delete', title: 'destroy' },
  { action: 'unknown', title: 'not read or not pruned' },
];

/** What a reviewer must see first: a change apply refuses without a flag, a delete, a replace, an unreadable resource. */
function needsEyes(ch: Change): boolean {
  return Boolean(ch.destructive) || ch.action === 'delete' || ch.action === 'replace' || ch.action === 'unknown';
}

/**
 * A change's block as `diff` lines: its symbol moved to the first column (`~` as `!`, which a
 * diff colours as changed), its comment lines starting with `#`.
 */
function diffLines(ch: Change): string[] {
  return changeBlockLines(ch, plain).map((line) => {
    const m = /^(\s*)([-+~!?#])(.*)$/.exec(line);
    if (!m) return line;
    if (m[2] === '#') return `#${m[3]}`;
    return `${m[2] === '~' ? '!' : m[2]}${m[1]}${m[3]}`;
  });
}

/** A fence longer than any run of backticks in `text`, so that the block cannot be closed early. */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Text that goes into a table cell or a sentence: no `|`, no line breaks, Markdown's own characters escaped. */
export function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`).replace(/\s+/g, ' ');
}

/** The plan as Markdown, at most `maxChars` long (at least MARKDOWN_MIN_CHARS). */
export function renderPlanMarkdown(plan: Plan, maxChars = MARKDOWN_MAX_CHARS): string {
  const limit = Math.max(MARKDOWN_MIN_CHARS, maxChars);
  const head = `### m365-provision plan: ${inline(plan.owner)} on ${inline(plan.tenant)}\n\n`;
  const visible = plan.changes.filter((ch) => ch.action !== 'noop');
  if (visible.length === 0) return `${head}**No changes.** The tenant matches the blueprint (${plan.changes.length} resources checked).\n`;

  const s = plan.summary;
  const left = leftAlone(visible);
  let out = head + `**Plan: ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy.**${left.unread > 0 ? ` ${left.unread} could not be read.` : ''}${left.pruneRefused > 0 ? ` ${left.pruneRefused} not pruned (the plan says why).` : ''} ${plan.changes.length} resources checked.\n\n`;
  const destructive = visible.filter((ch) => ch.destructive);
  if (destructive.length > 0) {
    const flags = [...new Set(destructive.map((ch) => `\`--${ch.destructive!.flag}\``))].join(', ');
    out += `> [!CAUTION]\n> **${destructive.length} destructive change${destructive.length === 1 ? '' : 's'}**: apply refuses ${destructive.length === 1 ? 'it' : 'them'} without ${flags}.\n\n`;
  }
  const scripted = visible.filter((ch) => ch.customScript);
  if (scripted.length > 0) {
    const sites = [...new Set(scripted.map((ch) => ch.customScript!.site))].sort();
    const named = sites.slice(0, 10).map(inline).join(', ') + (sites.length > 10 ? ` and ${sites.length - 10} more sites` : '');
    out += `> [!WARNING]\n> **${scripted.length} change${scripted.length === 1 ? ' needs' : 's need'} custom script allowed** on ${named}: apply refuses ${scripted.length === 1 ? 'it' : 'them'} without \`--allow-custom-script\`.\n\n`;
  }
  out += table(visible, limit - out.length - 400);

  // The changes: what needs eyes first and open, the rest folded; each section one diff block.
  const sections = [
    { title: 'Destructive and unreadable changes', open: true, changes: visible.filter(needsEyes) },
    { title: 'Other changes', open: false, changes: visible.filter((ch) => !needsEyes(ch)) },
  ].filter((section) => section.changes.length > 0);
  let notShown = 0;
  for (const section of sections) {
    const opening = `<details${section.open ? ' open' : ''}><summary>${section.title} (${section.changes.length})</summary>\n\n`;
    const blocks: string[] = [];
    let size = 0;
    let fence = '```';
    // Once a section overflows, the rest of it and every later section are counted, not shown.
    let shown = 0;
    for (const { change: ch, under } of notShown > 0 ? [] : foldUnread(section.changes)) {
      const block = [...diffLines(ch), ...(under > 0 ? [`#   ${foldedNote(under)}`] : [])].join('\n') + '\n\n';
      const wider = fenceFor(block);
      const next = wider.length > fence.length ? wider : fence;
      const whole = opening.length + `${next}diff\n`.length + size + block.length + `\n${next}\n\n</details>\n\n`.length;
      if (out.length + whole + NOT_SHOWN_LINE > limit) break;
      blocks.push(block);
      size += block.length;
      fence = next;
      shown += 1 + under;
    }
    notShown += section.changes.length - shown;
    if (blocks.length > 0) out += `${opening}${fence}diff\n${blocks.join('').trimEnd()}\n${fence}\n\n</details>\n\n`;
  }
  if (notShown > 0) out += `_${notShown} more change${notShown === 1 ? ' is' : 's are'} not shown here (at most ${limit} characters); the whole plan: \`provision plan\`, or \`--out plan.json\`._\n`;
  // Only a heading and alerts longer than the bound (ten site URLs at their longest) can pass it.
  return out.length <= limit ? out : out.slice(0, limit);
}

/** Changes by kind and action, one row a kind (in the plan's order), cut to `room` characters. */
function table(visible: readonly Change[], room: number): string {
  const byKind = new Map<string, Record<Column, number>>();
  for (const ch of visible) {
    let row = byKind.get(ch.kind);
    if (!row) byKind.set(ch.kind, (row = { create: 0, update: 0, replace: 0, delete: 0, unknown: 0 }));
    if (ch.action !== 'noop') row[ch.action]++;
  }
  const used = COLUMNS.filter((col) => [...byKind.values()].some((row) => row[col.action] > 0));
  let text = `| kind | ${used.map((col) => col.title).join(' | ')} |\n|:--|${used.map(() => '--:').join('|')}|\n`;
  let rows = 0;
  for (const [kind, row] of byKind) {
    const line = `| ${kind} | ${used.map((col) => (row[col.action] > 0 ? String(row[col.action]) : '')).join(' | ')} |\n`;
    if (text.length + line.length > room) {
      text += `| _${byKind.size - rows} more kinds_ |${used.map(() => ' ').join('|')}|\n`;
      break;
    }
    text += line;
    rows++;
  }
  return text + '\n';
}
