/**
 * An apply run tells the process that changes are being applied (src/apply/apply-channel.ts),
 * once at its start and once at its end: the `provision` command's
 * heap setting (bin/heap-settings.js) follows these messages, so a run that stopped sending them
 * would apply with a plan's heap factor.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { expect, test } from 'vitest';
import { APPLY_CHANNEL, type ApplyingMessage } from '../../src/apply/apply-channel.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { teamSitesBlueprint } from '../support/team-sites-blueprint.ts';

const text = teamSitesBlueprint({ name: 'channel', prefix: 'channel', title: 'Channel', count: 1, extra: '    lists:\n      - { url: Handlingar, template: documentLibrary }\n' });

test('applyPlan announces its start and its end, and only while it applies', async () => {
  const heard: boolean[] = [];
  const listener = (message: unknown) => heard.push((message as ApplyingMessage).applying);
  subscribe(APPLY_CHANNEL, listener);
  try {
    const desired = await desiredOf(text, 'channel.yaml');
    await withLocalTarget('apply-channel', async (target) => {
      const plan = await planDesired(desired, target.client, target.name);
      expect(heard).toEqual([]); // planning is not applying
      let duringApply: boolean[] = [];
      const result = await applyRun(target, plan, { onEvent: () => (duringApply = [...heard]) });
      expect(result.failed).toEqual([]);
      expect(duringApply).toEqual([true]);
      expect(heard).toEqual([true, false]);
      const again = await planDesired(desired, target.client, target.name);
      expect(again.changes.every((c) => c.action === 'noop')).toBe(true);
      expect(heard).toEqual([true, false]);
    });
  } finally {
    unsubscribe(APPLY_CHANNEL, listener);
  }
});
