/**
 * The pure rules of a list's content type: the site type's name is the identity, the id of the
 * site type it copies is create-only; `default` compares as stated.
 */
import type { KindRules } from '../kind-rules.ts';
import { listContentTypeDeclaration } from './model.ts';

export const listContentTypeRules: KindRules<'listContentType'> = {
  kind: listContentTypeDeclaration.kind,
  api: 'Graph /sites/{id}/lists/{id}/contentTypes[/addCopy]; SharePoint REST RootFolder UniqueContentTypeOrder (default)',
  identity: ['name'],
  createOnly: ['contentTypeId'],
  parentKinds: listContentTypeDeclaration.parentKinds,
};
