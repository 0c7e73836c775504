import { expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostic.ts';

test('diagnostics format as file:line:col', () => {
  expect(
    formatDiagnostic({ severity: 'error', code: 'BP001', message: 'bad', file: 'b.yaml', line: 3, col: 5 }),
  ).toBe('b.yaml:3:5 error BP001 bad');
});
