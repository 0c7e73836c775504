/**
 * Why a column cannot become the blueprint's in place (pure): a change of type, or a taxonomy
 * column switching between one and several terms, is a replace (delete, then create). The rules
 * plan it; the read asks it too, so that a list column about to be replaced is read with the
 * list's item count (what the delete would take with it).
 */
import type { ColumnProps } from './model.ts';

export function columnReplaceReason(desired: Partial<ColumnProps>, observed: Partial<ColumnProps>): string | undefined {
  if (desired.type === 'taxonomy' && observed.type === 'taxonomy' && desired.allowMultiple !== undefined && (observed.allowMultiple ?? false) !== desired.allowMultiple) {
    return `a taxonomy column cannot switch between one and several terms in place`;
  }
  if (observed.type !== undefined && observed.type !== desired.type) {
    return `a column's type cannot change in place (${observed.type} -> ${desired.type})`;
  }
  return undefined;
}
