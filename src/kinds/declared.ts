/**
 * Registry 1 of 3 (leaf): the declaration of every kind that lives in `src/kinds/<kind>/`.
 * `src/model/resources.ts` derives the kind union, the props by kind and the prunable kinds from
 * this list; `pure.ts` adds each kind's rules, schema and expansion, `registry.ts` its effects.
 */
import type { FactsOf, PropsOf } from './kind-declaration.ts';
import { hubAssociationDeclaration } from './hub-association/model.ts';
import { hubSiteDeclaration } from './hub-site/model.ts';
import { navigationNodeDeclaration } from './navigation-node/model.ts';
import { roleDefinitionDeclaration } from './role-definition/model.ts';
import { siteSettingsDeclaration } from './site-settings/model.ts';
import { siteSharingDeclaration } from './site-sharing/model.ts';
import { viewDeclaration } from './view/model.ts';
import { termGroupDeclaration } from './term-group/model.ts';
import { termSetDeclaration } from './term-set/model.ts';
import { termDeclaration } from './term/model.ts';
import { columnDeclaration } from './column/model.ts';
import { contentTypeDeclaration } from './content-type/model.ts';
import { listContentTypeDeclaration } from './list-content-type/model.ts';
import { teamSiteDeclaration } from './team-site/model.ts';
import { commSiteDeclaration } from './comm-site/model.ts';
import { listDeclaration } from './list/model.ts';
import { siteGroupDeclaration } from './site-group/model.ts';
import { permissionScopeDeclaration } from './permission-scope/model.ts';
import { roleAssignmentDeclaration } from './role-assignment/model.ts';
import { teamDeclaration } from './team/model.ts';
import { teamMemberDeclaration } from './team-member/model.ts';
import { channelDeclaration } from './channel/model.ts';
import { tabDeclaration } from './tab/model.ts';

export const DECLARED_KINDS = [viewDeclaration, navigationNodeDeclaration, hubSiteDeclaration, hubAssociationDeclaration, siteSettingsDeclaration, siteSharingDeclaration, roleDefinitionDeclaration, termGroupDeclaration, termSetDeclaration, termDeclaration, columnDeclaration, contentTypeDeclaration, listContentTypeDeclaration, teamSiteDeclaration, commSiteDeclaration, listDeclaration, siteGroupDeclaration, permissionScopeDeclaration, roleAssignmentDeclaration, teamDeclaration, teamMemberDeclaration, channelDeclaration, tabDeclaration] as const;

type Declared = (typeof DECLARED_KINDS)[number];

/** Desired props of each kind moved to `src/kinds/`. */
export type DeclaredPropsByKind = { [D in Declared as D['kind']]: PropsOf<D> };

/** Facts of each kind moved to `src/kinds/` (src/model/facts.ts); `never` for a kind without. */
export type DeclaredFactsByKind = { [D in Declared as D['kind']]: FactsOf<D> };

/** The moved kinds a blueprint may prune. */
export type DeclaredPruneKind = Extract<Declared, { prunable: true }>['kind'];

export const DECLARED_PRUNE_KINDS = DECLARED_KINDS.filter((d) => d.prunable).map((d) => d.kind) as DeclaredPruneKind[];
