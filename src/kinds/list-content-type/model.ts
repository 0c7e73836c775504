/**
 * listContentType: a site content type added to a list or library, keyed by the site content
 * type's name (`…/list[X]/contentType[name]`, see `contentTypeAddress`). Its props and its
 * declaration. A leaf.
 */
import type { ColumnLink } from '../content-type/model.ts';
import { declareKind } from '../kind-declaration.ts';

/** Desired props of a list's content type; `undefined` is not stated (neither compared nor written). */
export interface ListContentTypeProps {
  /** Name of the site content type: the identity within the list. */
  name: string;
  /** Deterministic id of the site content type the list's copy derives from (create-only). */
  contentTypeId: string;
  /**
   * true: this content type is the list's default (first in the list's content type order).
   * Stated only on the default one; false is not written (another one becomes default instead).
   */
  default?: boolean;
  /**
   * The column links the list's copy must have: the site content type's, as the blueprint
   * declares them (Graph does not carry a change of a site type's links to the lists' copies).
   * Compared as the site type's are (any order; links every type inherits only when stated).
   */
  columns?: ColumnLink[];
}

/** A list's content type lives in a list and can be pruned. */
export const listContentTypeDeclaration = declareKind<ListContentTypeProps>()('listContentType', { prunable: true, parentKinds: ['list'] });
