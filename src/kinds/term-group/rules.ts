/**
 * The pure rules of a term group: its name is the identity; only its description is updated.
 * Groups have no custom properties, so ownership is the engine's ledger's to decide.
 */
import type { KindRules } from '../kind-rules.ts';
import { termGroupDeclaration } from './model.ts';

export const termGroupRules: KindRules<'termGroup'> = {
  kind: termGroupDeclaration.kind,
  api: 'SharePoint CSOM taxonomy TermStore.Groups',
  identity: ['name'],
  createOnly: [],
};
