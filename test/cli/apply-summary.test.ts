/**
 * Apply's closing summary (src/cli/apply-summary.ts), with results built in memory: a short list
 * is printed whole; a long one is grouped by reason, so that a failure across thousands of
 * workspaces is a few lines, counted, with the audit log named for the rest.
 */
import { expect, test } from 'vitest';
import type { ApplyResult } from '../../src/apply/events.ts';
import { applySummaryMarkdown, applySummaryText } from '../../src/cli/apply-summary.ts';

const empty: ApplyResult = { succeeded: [], failed: [], skipped: [], pending: [], unchanged: 0 };

test('a short list of failures is printed whole, one line an address', () => {
  const text = applySummaryText({ ...empty, succeeded: ['a'], failed: [{ address: 'site[/sites/x]', error: '403 accessDenied: no' }] }, 1500, '.provision/audit.jsonl');
  expect(text).toBe(
    'Apply complete in 1.5 s: 1 succeeded, 1 failed, 0 pending, 0 skipped, 0 unchanged.\n  failed  site[/sites/x]: 403 accessDenied: no\n' +
      "1 change was refused 401/403: the credential may lack a permission the blueprint needs; 'provision doctor <blueprint>' names each missing one and how to grant it.",
  );
});

test('failures the service refused for the credential\'s rights are counted once, with the command that names what is missing', () => {
  const failed = [
    { address: 'site[/sites/a]', error: '403 Authorization_RequestDenied: Insufficient privileges to complete the operation.' },
    { address: 'site[/sites/b]', error: '401 InvalidAuthenticationToken: Access token validation failure.' },
    { address: 'site[/sites/c]', error: 'no answer connectionFailed: POST failed before an answer arrived; 403 in the text is not a refusal' },
  ];
  const lines = applySummaryText({ ...empty, failed }, 1000, 'audit.jsonl', undefined, 'bp/blueprint.yaml').split('\n');
  expect(lines.at(-1)).toBe("2 changes were refused 401/403: the credential may lack a permission the blueprint needs; 'provision doctor bp/blueprint.yaml' names each missing one and how to grant it.");
  expect(applySummaryText({ ...empty, failed: [failed[2]!] }, 1000, 'audit.jsonl')).not.toContain('provision doctor');
});

test('10,000 failures of two reasons are two lines, the larger first, with their counts and first addresses', () => {
  const failed = Array.from({ length: 10_000 }, (_, i) => ({ address: `site[/sites/ws-${i}]/list[Beslut]`, error: i % 4 === 0 ? '429 throttled: try later' : '403 accessDenied: the app lacks Sites.FullControl.All' }));
  const skipped = failed.map((f) => ({ address: `${f.address}/column[X]`, because: `${f.address} failed` }));
  const text = applySummaryText({ ...empty, failed, skipped, notStarted: { count: 7, because: 'the apply was interrupted (SIGINT)' } }, 60_000, '.provision/audit.jsonl');
  const lines = text.split('\n');
  expect(lines[0]).toBe('Apply stopped in 60.0 s: 0 succeeded, 10000 failed, 0 pending, 10000 skipped, 0 unchanged, 7 not started.');
  expect(lines[1]).toBe('  failed  7500 × 403 accessDenied: the app lacks Sites.FullControl.All (site[/sites/ws-1]/list[Beslut], site[/sites/ws-2]/list[Beslut], site[/sites/ws-3]/list[Beslut], …)');
  expect(lines[2]).toBe('  failed  2500 × 429 throttled: try later (site[/sites/ws-0]/list[Beslut], site[/sites/ws-4]/list[Beslut], site[/sites/ws-8]/list[Beslut], …)');
  // Skips name the change they depend on: one reason, whatever the address.
  expect(lines[3]).toBe('  skipped 10000 × <address> failed (site[/sites/ws-0]/list[Beslut]/column[X], site[/sites/ws-1]/list[Beslut]/column[X], site[/sites/ws-2]/list[Beslut]/column[X], …)');
  expect(lines).toContain('Every change and its outcome: .provision/audit.jsonl.');
  expect(lines).toContain("7500 changes were refused 401/403: the credential may lack a permission the blueprint needs; 'provision doctor <blueprint>' names each missing one and how to grant it.");
  expect(lines.at(-1)).toBe('Not started: 7 changes, because the apply was interrupted (SIGINT). Everything that was made is recorded; run apply again to make the rest.');
  expect(lines).toHaveLength(7);
});

test('more reasons than are listed: the largest 15, the rest counted', () => {
  const failed = Array.from({ length: 100 }, (_, i) => ({ address: `site[/sites/ws-${i}]`, error: `500 error number ${i % 20}` }));
  const lines = applySummaryText({ ...empty, failed }, 1000, 'audit.jsonl').split('\n');
  expect(lines.filter((l) => / 5 × 500 error number \d+ /.test(l))).toHaveLength(15);
  expect(lines).toContain('  failed  25 more, for 5 other reasons');
});

test('as Markdown for a job summary: a heading, the counts in bold, the rest in a text block', () => {
  const text = applySummaryText({ ...empty, succeeded: ['a'], failed: [{ address: 'site[/sites/x]', error: 'a ``` b' }] }, 1500, 'audit.jsonl');
  expect(applySummaryMarkdown(text, 'kommun | nord', 'contoso')).toBe(
    '### m365-provision apply: kommun \\| nord on contoso\n\n**Apply complete in 1.5 s: 1 succeeded, 1 failed, 0 pending, 0 skipped, 0 unchanged.**\n\n````text\n  failed  site[/sites/x]: a ``` b\n````\n',
  );
});
