/**
 * The pure rules of a list's content type: the site type's name is the identity, the id of the
 * site type it copies is create-only; `default` compares as stated; its column links compare as
 * the site type's do.
 */
import { sameText } from '../../model/same-set.ts';
import type { KindRules } from '../kind-rules.ts';
import { inOneSite } from '../site/model.ts';
import { listContentTypeDeclaration } from './model.ts';
import { columnLinkComparison } from '../content-type/rules.ts';

export const listContentTypeRules: KindRules<'listContentType'> = {
  kind: listContentTypeDeclaration.kind,
  api: 'Graph /sites/{id}/lists/{id}/contentTypes[/addCopy | /{id}/columns]; SharePoint REST RootFolder UniqueContentTypeOrder (default)',
  identity: ['name'],
  createOnly: ['contentTypeId'],
  ...columnLinkComparison,
  parentKinds: listContentTypeDeclaration.parentKinds,
  // A list's copy uses the site type it copies (SPContentTypeCollection.Delete refuses a site
  // type that is the basis of a list's type).
  usedKinds: ['contentType'],
  uses(found, other) {
    return other.kind === 'contentType' && inOneSite(found.address, other.address) && sameText(found.props.contentTypeId, other.id);
  },
};
