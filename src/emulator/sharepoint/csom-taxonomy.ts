/**
 * CSOM taxonomy on `<site>/_vti_bin/client.svc/ProcessQuery`: the term store as PnP Framework,
 * PnP PowerShell and CLI for Microsoft 365 (`spo term add`, `spo term group add`, `spo term set
 * add`) reach it — `TaxonomySession.GetTaxonomySession`, `GetDefaultSiteCollectionTermStore` /
 * `TermStores.GetById|GetByName`, `Groups.GetById|GetByName`, `GetGroup|GetTermSet|GetTerm`,
 * `TermSet.GetAllTerms`,
 * `CreateGroup`, `CreateTermSet`, `CreateTerm`, `CreateLabel`, `Description`/`Name` and
 * `WorkingLanguage` set as properties, `SetDescription`, `SetCustomProperty`,
 * `DeleteCustomProperty`, `SetAsDefaultForLanguage`, `DeleteObject`, `CommitAll`, and queries of
 * objects and collections (`ChildItemQuery`, a term's `Labels`), and `Identity` paths made from
 * the `_ObjectIdentity_` it answers. It works on the SAME records the Graph face projects
 * (`../metadata-store.ts`), so Graph reads see CSOM writes.
 *
 * Rights, as SharePoint Online has them: reads need only a SharePoint token; a write by an
 * app-only token needs the app to be a term store administrator (Microsoft: "to allow app-only
 * access for writing to the taxonomy term store, add the app as a Term Store Administrator; you do
 * not need this for read operations"), else the request fails with
 * `System.UnauthorizedAccessException` "Access denied. You do not have permission to perform this
 * action or access this resource." (what New-PnPTermGroup reports). A delegated caller is the
 * local tenant's admin, who is a term store administrator. Changes are written as each action
 * runs (the service persists creates without CommitAll, as the CLI relies on); CommitAll is
 * accepted.
 *
 * This file is the entry (parsing, rights to read, the actions); the parts: csom-taxonomy-run.ts
 * (one request's state, records, names, parameters), csom-taxonomy-paths.ts (object paths and
 * identities), csom-taxonomy-create.ts (groups, sets, terms, labels made), csom-taxonomy-change.ts
 * (properties, methods, deletes), csom-taxonomy-answers.ts (Query answers),
 * csom-taxonomy-errors.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Req, Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { parseXml } from './csom-xml.ts';
import { queryJson } from './csom-taxonomy-answers.ts';
import { method, setProperty } from './csom-taxonomy-change.ts';
import { argument, CsomFault, denied, unsupported } from './csom-taxonomy-errors.ts';
import { identityOf, resolve } from './csom-taxonomy-paths.ts';
import { IDENTITY_MARK, READ_ROLES, TAXONOMY_SESSION_TYPE, TaxRun, type TaxonomyCaller, type XmlEl } from './csom-taxonomy-run.ts';

export { TAXONOMY_SESSION_TYPE, type TaxonomyCaller };

/** Whether a CSOM request body addresses the term store (and so belongs to this module). */
export function isTaxonomyRequest(xml: string): boolean {
  const lower = xml.toLowerCase();
  return lower.includes(TAXONOMY_SESSION_TYPE) || lower.includes(`${IDENTITY_MARK}:`);
}

/** `POST <site>/_vti_bin/client.svc/ProcessQuery` for a taxonomy request. */
export function taxonomyProcessQuery(store: Store, req: Req, _site: SiteRec, caller: TaxonomyCaller): Res {
  const corr = randomUUID();
  const head = { SchemaVersion: '15.0.0.0', LibraryVersion: '16.0.25000.12000', ErrorInfo: null as unknown, TraceCorrelationId: corr };
  const answer = (body: unknown[]): Res => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-sharepointhealthscore': '0' }, body: JSON.stringify(body) });
  req.op = 'SP POST client.svc/ProcessQuery (taxonomy)';
  let doc: XmlEl;
  try {
    doc = parseXml(req.body.toString('utf8'));
  } catch {
    head.ErrorInfo = { ErrorMessage: 'The request is not valid XML.', ErrorValue: null, TraceCorrelationId: corr, ErrorCode: -2147024809, ErrorTypeName: 'System.ArgumentException', ErrorDetails: null };
    return answer([head]);
  }
  const run = new TaxRun(store, caller, corr);
  const results: unknown[] = [];
  try {
    execute(run, doc, results);
  } catch (e) {
    const f = e instanceof CsomFault ? e : new CsomFault((e as Error).message, -1, 'Microsoft.SharePoint.Client.ServerException');
    head.ErrorInfo = { ErrorMessage: f.message, ErrorValue: null, TraceCorrelationId: corr, ErrorCode: f.code, ErrorTypeName: f.typeName, ErrorDetails: null };
    return answer([head]);
  }
  return answer([head, ...results]);
}

function execute(run: TaxRun, doc: XmlEl, results: unknown[]): void {
  if (!run.caller.delegated && !READ_ROLES.some((r) => run.caller.roles.includes(r))) throw denied();
  const request = doc.children.find((e) => e.name === 'Request');
  if (!request) throw argument('The request is not a CSOM request.');
  for (const p of request.children.find((e) => e.name === 'ObjectPaths')?.children ?? []) run.paths.set(p.attrs.Id ?? '', p);
  const actions = request.children.find((e) => e.name === 'Actions')?.children ?? [];
  if (actions.length > 500) throw argument('The request has too many actions.');
  for (const a of actions) action(run, a, results);
}

function action(run: TaxRun, a: XmlEl, results: unknown[]): void {
  const id = Number(a.attrs.Id);
  const target = resolve(run, a.attrs.ObjectPathId ?? '');
  switch (a.name) {
    case 'ObjectPath':
      results.push(id, { IsNull: false });
      return;
    case 'ObjectIdentityQuery':
      results.push(id, { _ObjectIdentity_: identityOf(run, target) });
      return;
    case 'Query': {
      const labels = hasProperty(a, 'Labels');
      results.push(id, queryJson(run, target, labels));
      return;
    }
    case 'SetProperty':
      setProperty(run, target, a.attrs.Name ?? '', a.children.find((e) => e.name === 'Parameter'));
      return;
    case 'Method':
      method(run, target, a.attrs.Name ?? '', run.params(a), id, results);
      return;
  }
  throw unsupported(`the action ${a.name}`);
}

/** Whether a Query action asks for the named property (at any depth, e.g. a term's Labels in a ChildItemQuery). */
function hasProperty(el: XmlEl, name: string): boolean {
  return el.children.some((c) => (c.name === 'Property' && c.attrs.Name === name) || hasProperty(c, name));
}
