/**
 * A SharePoint REST write's JSON body checked as the service's OData reader checks it, before
 * anything changes: an entity's body (a POST that creates, a MERGE) may hold only properties its
 * type declares (body-types.ts), or a derived type's when `__metadata.type` (verbose) or
 * `@odata.type` / `odata.type` names one (`SP.FieldText` on a fields collection); a method's body
 * holds only its parameters, and an object parameter of an entity type is checked as an entity;
 * a complex value the table knows (a content type's `Id`, a role definition's `BasePermissions`, a
 * folder's content type order) is checked as its type.
 * The service's answers, 400 `-1, Microsoft.SharePoint.Client.InvalidClientQueryException`:
 * "The property 'X' does not exist on type 'SP.List'. Make sure to only use property names that
 * are defined by the type.", "The parameter X does not exist in method Add." (the verbose
 * `{"d": …}` wrapper and a top-level `__metadata` earn the same), "A type named 'X' could not be
 * resolved by the model. …". Names compare exactly, as the OData reader compares them. Before,
 * the local tenant read the names it knew and ignored the rest: a misspelt property passed here
 * and failed on the service.
 */
import { isObj, parseJsonBody, type Req } from '../http.ts';
import { derivesFrom, spEntityType, type SpEntityType } from './body-types.ts';
import { badRequest } from './errors.ts';

/**
 * What a route's body is: an entity of a type (`{ entity }`), or the parameters of a method
 * (`{ method, params }`: each parameter's entity type when it is an object of one, else null).
 * Every handler that reads a body states it (route-context.ts `body`, site-ia-context.ts `body`).
 */
export type SpBodyShape = { entity: SpEntityType } | { method: string; params: Readonly<Record<string, SpEntityType | null>> };

/**
 * A request's JSON body as an object, checked as `shape` (`{}` without a body): what every route
 * reads its body through (route-context.ts `body`, site-ia-context.ts `body`).
 */
export function spBody(req: Req, shape: SpBodyShape): Record<string, unknown> {
  const b = parseJsonBody(req);
  if (b === undefined) return {};
  if (!isObj(b)) throw badRequest('The request body must be a JSON object.');
  checkSpBody(b, shape);
  return b;
}

/** Throws the service's 400 for the first name `body` may not hold as `shape`; returns quietly otherwise. */
export function checkSpBody(body: Record<string, unknown>, shape: SpBodyShape): void {
  if ('entity' in shape) return checkEntity(body, shape.entity);
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(shape.params, key)) throw badRequest(`The parameter ${key} does not exist in method ${shape.method}.`);
    const type = shape.params[key];
    const value = body[key];
    if (type && isObj(value)) checkEntity(value, type);
  }
}

function checkEntity(body: Record<string, unknown>, expected: SpEntityType): void {
  const type = namedType(body, expected);
  for (const key of Object.keys(body)) {
    if (key === '__metadata' || key.startsWith('odata.') || key.includes('@')) continue; // annotations, not properties
    if (!type.properties.has(key)) throw badRequest(`The property '${key}' does not exist on type '${type.name}'. Make sure to only use property names that are defined by the type.`);
    const complex = type.complex?.[key];
    if (!complex) continue;
    const value = body[key];
    // a collection is an array, or `{ results: [...] }` in verbose JSON
    const items = Array.isArray(value) ? value : isObj(value) && Array.isArray(value.results) ? value.results : [value];
    for (const item of items) if (isObj(item)) checkEntity(item, complex);
  }
}

/**
 * The type a body names for itself (`expected` when it names none): `expected` or a type derived
 * from it; another known type is refused with the OData reader's message for an entry whose type is
 * not assignable (its wording, not observed from SharePoint itself).
 */
function namedType(body: Record<string, unknown>, expected: SpEntityType): SpEntityType {
  const meta = body.__metadata;
  const raw = isObj(meta) ? meta.type : (body['@odata.type'] ?? body['odata.type']);
  if (typeof raw !== 'string') return expected;
  const named = spEntityType(raw);
  if (named) {
    if (derivesFrom(named, expected)) return named;
    throw badRequest(`An entry with type '${named.name}' was found, but it is not assignable to the expected type '${expected.name}'. The type specified in an entry must be equal to either the expected type or a derived type.`);
  }
  if (/^SP\.Data\./i.test(raw)) return expected; // a list item's type: list-items.ts's to judge
  throw badRequest(`A type named '${raw.replace(/^#/, '')}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`);
}
