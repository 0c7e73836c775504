/**
 * The Markdown rendering of a plan (src/plan/render-markdown.ts), with plans built in memory: what
 * a reviewer must see comes first and open, every change is a diff block, and the text stays under
 * its bound however large the plan, counting what it does not show.
 */
import { expect, test } from 'vitest';
import type { Change } from '../../src/model/change.ts';
import type { Plan } from '../../src/model/plan.ts';
import { MARKDOWN_MAX_CHARS, renderPlanMarkdown } from '../../src/plan/render-markdown.ts';
import { planHeader } from '../support/plan-header.ts';

function planOf(changes: Change[]): Plan {
  const count = (a: Change['action']) => changes.filter((c) => c.action === a).length;
  return { ...planHeader, resources: [], prune: [], changes, summary: { add: count('create'), change: count('update') + count('replace'), destroy: count('delete'), unknown: count('unknown') } };
}

const create = (n: number): Extract<Change, { action: 'create' }> => ({ address: `site[/sites/ws-${n}]`, kind: 'teamSite', action: 'create', dependsOn: [], api: 'Graph', observedDigest: 'd', after: { url: `/sites/ws-${n}`, title: `Workspace ${n}` } });

const rename: Change = {
  address: 'site[/sites/b]',
  kind: 'commSite',
  action: 'update',
  dependsOn: [],
  api: 'SP',
  observedDigest: 'd',
  id: 'x',
  ids: {},
  before: { title: 'Old' },
  after: { title: 'New' },
  changes: [{ name: 'title', before: 'Old', after: 'New' }],
};

const dropList: Change = {
  address: 'site[/sites/b]/list[Gammal]',
  kind: 'list',
  action: 'delete',
  dependsOn: [],
  api: 'Graph',
  observedDigest: 'd',
  id: 'l',
  ids: {},
  before: { title: 'Gammal' },
  destructive: { flag: 'allow-delete-content', reason: 'the list holds 12 items' },
} as Change;

test('a plan as Markdown: its line, the table by kind, destructive changes first and open, the rest folded, as diff blocks', () => {
  const md = renderPlanMarkdown(planOf([create(1), rename, dropList]));
  expect(md).toContain('**Plan: 1 to add, 1 to change, 1 to destroy.**');
  expect(md).toContain('> [!CAUTION]\n> **1 destructive change**: apply refuses it without `--allow-delete-content`.');
  expect(md).toContain('| kind | add | change | destroy |\n|:--|--:|--:|--:|\n| teamSite | 1 |  |  |\n| commSite |  | 1 |  |\n| list |  |  | 1 |\n');
  const open = md.indexOf('<details open><summary>Destructive and unreadable changes (1)</summary>');
  const folded = md.indexOf('<details><summary>Other changes (2)</summary>');
  expect(open).toBeGreaterThan(0);
  expect(folded).toBeGreaterThan(open);
  // Symbols in the first column: + and - coloured by a diff, an update as `!`.
  expect(md).toContain('```diff\n# site[/sites/b]/list[Gammal] will be destroyed\n# !! DESTRUCTIVE: the list holds 12 items; apply needs --allow-delete-content\n-   list site[/sites/b]/list[Gammal]\n-       title = "Gammal"\n```');
  expect(md).toContain('!   commSite site[/sites/b]\n!       title = "Old" -> "New"');
  expect(md).toContain('+   teamSite site[/sites/ws-1]');
  expect(md).not.toContain('not shown');
});

test('a plan of 10,000 workspaces stays under the bound and counts what it leaves out; the destructive change is still shown', () => {
  const changes = [...Array.from({ length: 10_000 }, (_, i) => create(i)), dropList];
  const md = renderPlanMarkdown(planOf(changes));
  expect(md.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
  expect(md).toContain('# !! DESTRUCTIVE: the list holds 12 items');
  const shown = (md.match(/^\+ {3}teamSite /gm) ?? []).length;
  expect(shown).toBeGreaterThan(50);
  expect(md).toContain(`_${10_000 - shown} more changes are not shown here (at most ${MARKDOWN_MAX_CHARS} characters)`);
  // Fences are closed: every opening has its closing, and the details too.
  expect((md.match(/^```diff$/gm) ?? []).length).toBe((md.match(/^```$/gm) ?? []).length);
  expect((md.match(/<details/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  // A smaller bound is kept too.
  expect(renderPlanMarkdown(planOf(changes), 5_000).length).toBeLessThanOrEqual(5_000);
});

test('text that could break the Markdown stays inside its block or is escaped', () => {
  const odd: Change = { ...create(1), address: 'site[/sites/x]/list[A ``` B]', kind: 'list', after: { title: 'A ``` B | <b>' } };
  const md = renderPlanMarkdown({ ...planOf([odd]), owner: 'kommun | <script>' });
  expect(md).toContain('### m365-provision plan: kommun \\| \\<script\\> on test');
  expect(md).toContain('````diff\n');
  expect(md).toContain('+       title = "A ``` B | <b>"\n````');
});

test('no changes is one line', () => {
  const noop: Change = { address: 'site[/sites/c]', kind: 'commSite', action: 'noop', dependsOn: [], api: 'SP', observedDigest: 'd', id: 'y', ids: {} } as Change;
  expect(renderPlanMarkdown(planOf([noop]))).toBe('### m365-provision plan: b on test\n\n**No changes.** The tenant matches the blueprint (1 resources checked).\n');
});
