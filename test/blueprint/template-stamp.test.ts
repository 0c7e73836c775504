/**
 * A template is compiled once for all its rows (src/blueprint/template.ts, compileStamp): the
 * placeholders of each string take the row's values, a string that is one empty placeholder is
 * dropped, and the parts without a placeholder are one frozen value every row shares; props built
 * from such a part alone are built once (src/blueprint-core/shared-props.ts).
 */
import { expect, test } from 'vitest';
import { compileStamp } from '../../src/blueprint/template.ts';
import { sharedProps } from '../../src/blueprint-core/shared-props.ts';

const template = {
  url: '/sites/{{ row.key }}',
  title: '{{row.title}} ({{ row.key }})',
  description: '{{ row.note }}',
  lists: [{ url: 'Beslut', template: 'documentLibrary' }, { url: '{{ row.extra }}' }],
  tags: ['{{ row.note }}', 'fixed'],
  team: { channels: [{ name: 'Ärenden' }] },
};

test('rows get their values; an empty whole placeholder is left out; constant parts are one frozen value', () => {
  const stamp = compileStamp(template);
  const a = stamp({ key: 'a', title: 'A', note: '', extra: 'Extra' }) as typeof template;
  const b = stamp({ key: 'b', title: 'B', note: 'n', extra: '' }) as typeof template;
  expect(a).toEqual({ url: '/sites/a', title: 'A (a)', lists: [{ url: 'Beslut', template: 'documentLibrary' }, { url: 'Extra' }], tags: ['fixed'], team: { channels: [{ name: 'Ärenden' }] } });
  expect(b).toEqual({ url: '/sites/b', title: 'B (b)', description: 'n', lists: [{ url: 'Beslut', template: 'documentLibrary' }, {}], tags: ['n', 'fixed'], team: { channels: [{ name: 'Ärenden' }] } });
  expect(a.lists[0]).toBe(b.lists[0]);
  expect(a.team).toBe(b.team);
  expect(Object.isFrozen(a.team.channels[0])).toBe(true);
  expect(() => {
    (a.team.channels as { name: string }[]).push({ name: 'x' });
  }).toThrow(TypeError);
  // what holds a placeholder is each row's own
  expect(a.lists).not.toBe(b.lists);
  expect(Object.isFrozen(a)).toBe(false);
});

test('a missing field stamps as empty, as before', () => {
  expect(compileStamp({ t: 'x{{ row.none }}y', w: '{{ row.none }}' })({})).toEqual({ t: 'xy' });
});

test('props of a frozen part are built once and frozen; of any other part, each time', () => {
  const memo = new WeakMap<object, { name: string }>();
  let built = 0;
  const build = (part: { name: string }) => () => (built++, { name: part.name });
  const frozen = Object.freeze({ name: 'Ärenden' });
  const one = sharedProps(memo, frozen, build(frozen));
  expect(sharedProps(memo, frozen, build(frozen))).toBe(one);
  expect(Object.isFrozen(one)).toBe(true);
  const open = { name: 'Beslut' };
  expect(sharedProps(memo, open, build(open))).not.toBe(sharedProps(memo, open, build(open)));
  expect(built).toBe(3);
});
