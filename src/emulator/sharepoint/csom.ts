/**
 * The CSOM entry point, `POST <site>/_vti_bin/client.svc/ProcessQuery`, once the bearer token is
 * verified: the rules every CSOM request meets, then the term store (csom-taxonomy.ts), the web
 * (csom-web.ts), or on the tenant admin host the `Tenant` object (csom-tenant.ts). The answer is always CSOM's JSON array (`[{ SchemaVersion, LibraryVersion,
 * ErrorInfo, TraceCorrelationId }, id, value, …]`).
 *  - The body is read as XML whatever its Content-Type says, within what clients send: none
 *    (CLI for Microsoft 365 posts a string with axios, which sets none), `text/xml` (CSOM .NET,
 *    PnPjs), `application/xml`, `text/plain`, `application/x-www-form-urlencoded` (older axios),
 *    with or without parameters. Another type (e.g. `application/json`) is refused: 400.
 *  - An app-only token without any role is refused before anything is read: 401 with
 *    `System.UnauthorizedAccessException` "Attempted to perform an unauthorized operation."
 *    (sp-dev-docs#8804 shows this answer to a ProcessQuery by an app SharePoint does not authorize).
 */
import { randomUUID } from 'node:crypto';
import type { Req, Res } from '../http.ts';
import { header } from '../http.ts';
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { CsomError } from './csom-objects.ts';
import { isTaxonomyRequest, taxonomyProcessQuery } from './csom-taxonomy.ts';
import { webProcessQuery } from './csom-web.ts';
import { tenantProcessQuery } from './csom-tenant.ts';
import { parseXml, type XmlEl } from './csom-xml.ts';

/** Who calls: what the CSOM modules check. */
export interface CsomCaller {
  /** a delegated token (a signed-in user) */
  delegated: boolean;
  /** the app roles of an app-only token */
  roles: readonly string[];
  /** whether the app is a term store administrator */
  appIsTermStoreAdmin: boolean;
  /** the request came to the tenant admin host: its `Tenant` object (csom-tenant.ts), not a web */
  adminHost?: boolean;
}

/** The media types a CSOM body may be sent as (parameters such as `charset` aside); none at all is accepted too. */
const BODY_TYPES = new Set(['text/xml', 'application/xml', 'text/plain', 'application/x-www-form-urlencoded']);

function answer(status: number, body: unknown[]): Res {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'x-sharepointhealthscore': '0' }, body: JSON.stringify(body) };
}

/** `ProcessQuery` on `site` for `caller`. */
export function processQuery(store: Store, req: Req, site: SiteRec, caller: CsomCaller): Res {
  req.op = 'SP POST client.svc/ProcessQuery';
  const corr = randomUUID();
  const head = { SchemaVersion: '15.0.0.0', LibraryVersion: '16.0.25000.12000', ErrorInfo: null as unknown, TraceCorrelationId: corr };
  const fail = (status: number, message: string, code: number, typeName: string): Res => {
    head.ErrorInfo = { ErrorMessage: message, ErrorValue: null, TraceCorrelationId: corr, ErrorCode: code, ErrorTypeName: typeName, ErrorDetails: null };
    return answer(status, [head]);
  };
  const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && !BODY_TYPES.has(type)) return fail(400, `The content type '${type}' is not supported: a CSOM request body is XML.`, -2147024809, 'System.ArgumentException');
  if (!caller.delegated && caller.roles.length === 0) return fail(401, 'Attempted to perform an unauthorized operation.', -2147024891, 'System.UnauthorizedAccessException');
  const text = req.body.toString('utf8');
  if (!caller.adminHost && isTaxonomyRequest(text)) return taxonomyProcessQuery(store, req, site, caller);
  let request: XmlEl | undefined;
  try {
    request = parseXml(text).children.find((e) => e.name === 'Request');
  } catch {
    return fail(200, 'The request is not valid XML.', -2147024809, 'System.ArgumentException');
  }
  if (!request) return fail(200, 'The request is not a CSOM request.', -2147024809, 'System.ArgumentException');
  try {
    if (caller.adminHost) return answer(200, [head, ...tenantProcessQuery(store, request, caller.roles, caller.delegated)]);
    return answer(200, [head, ...webProcessQuery(store, site, request, caller.roles)]);
  } catch (e) {
    if (e instanceof CsomError) return fail(200, e.message, e.code, e.typeName);
    throw e;
  }
}
