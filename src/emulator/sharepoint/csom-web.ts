/**
 * CSOM on a web (`<site>/_vti_bin/client.svc/ProcessQuery`, the entry is csom.ts): what the
 * engine and CLI for Microsoft 365 send — `ObjectPath`, `ObjectIdentityQuery` and `Query` on the
 * web, the site, `AllProperties`, `RegionalSettings` (csom-objects.ts answers the queried
 * properties); web `AllProperties` SetFieldValue + web Update (property bag), `RegionalSettings`
 * LocaleId and TimeZone (from `TimeZones.GetById`) + Update. Property bag writes are refused while
 * the site denies custom scripts (DenyAddAndCustomizePages), as SharePoint Online does.
 */
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import type { WebSettingsRec } from '../site-ia.ts';
import { customScriptDenied, NO_SCRIPT_ERROR } from './custom-script.ts';
import { CsomError, identityOf, objectOfIdentity, queryResult, type CsomObj } from './csom-objects.ts';
import type { XmlEl } from './csom-xml.ts';
import { addContentType } from './csom-content-types.ts';
import type { ContentTypeRec } from '../metadata-types.ts';
import { LOCALES, putWeb, webSettings } from './site-ia-web-settings.ts';

const REQUEST_CONTEXT_TYPE = '{3747adcd-a3c3-41b9-bfab-4a64dd2f1e0a}';

/**
 * Runs the actions of a CSOM `<Request>` on `site`; the results that follow the answer's head
 * (`[id, value, …]`). A fault is thrown as a `CsomError`; nothing is written then.
 */
export function webProcessQuery(store: Store, site: SiteRec, request: XmlEl, roles: readonly string[]): unknown[] {
  const actions = request.children.find((e) => e.name === 'Actions')?.children ?? [];
  const paths = new Map<string, XmlEl>();
  for (const p of request.children.find((e) => e.name === 'ObjectPaths')?.children ?? []) paths.set(p.attrs.Id ?? '', p);
  const resolve = (id: string, depth = 0): CsomObj => {
    const p = paths.get(id);
    if (!p || depth > 20) return { t: 'unknown', what: `object path ${id}` };
    if (p.name === 'Identity') return objectOfIdentity(site, p.attrs.Name ?? '');
    if (p.name === 'StaticProperty' && p.attrs.Name === 'Current' && (p.attrs.TypeId ?? '').toLowerCase() === REQUEST_CONTEXT_TYPE) return { t: 'context' };
    if (p.name === 'Property') {
      const parent = resolve(p.attrs.ParentId ?? '', depth + 1);
      const name = p.attrs.Name;
      if (parent.t === 'context' && name === 'Web') return { t: 'web' };
      if (parent.t === 'context' && name === 'Site') return { t: 'site' };
      if (parent.t === 'site' && name === 'RootWeb') return { t: 'web' };
      if (parent.t === 'web' && name === 'AllProperties') return { t: 'allProperties' };
      if (parent.t === 'web' && name === 'RegionalSettings') return { t: 'regionalSettings' };
      if (parent.t === 'regionalSettings' && name === 'TimeZones') return { t: 'timeZones' };
      if (parent.t === 'web' && name === 'ContentTypes') return { t: 'contentTypes' };
      return { t: 'unknown', what: `property ${name}` };
    }
    if (p.name === 'Method') {
      const parent = resolve(p.attrs.ParentId ?? '', depth + 1);
      if (parent.t === 'contentTypes' && p.attrs.Name === 'Add') return { t: 'newContentType', pathId: id, method: p };
      if (parent.t === 'timeZones' && p.attrs.Name === 'GetById') {
        const param = p.children.find((e) => e.name === 'Parameters')?.children[0];
        return { t: 'timeZone', id: Number(param?.text ?? NaN) };
      }
      return { t: 'unknown', what: `method ${p.attrs.Name}` };
    }
    return { t: 'unknown', what: p.name };
  };
  const web = webSettings(store, site);
  const props = { ...web.props };
  let propsTouched = false;
  let propsCommitted = false;
  let localeId = web.localeId;
  let timeZoneId = web.timeZoneId;
  let regionalTouched = false;
  let regionalCommitted = false;
  const results: unknown[] = [];
  const created = new Map<string, ContentTypeRec>();
  for (const a of actions) {
    const target = resolve(a.attrs.ObjectPathId ?? '');
    const params = a.children.find((e) => e.name === 'Parameters')?.children ?? [];
    if (a.name === 'ObjectPath' || a.name === 'ObjectIdentityQuery' || a.name === 'Query') {
      if (target.t === 'unknown') throw new CsomError(`The local tenant does not support ${target.what} in CSOM requests.`, -1, 'Microsoft.SharePoint.Client.ClientServiceException');
      if (target.t === 'newContentType') {
        const ct = created.get(target.pathId) ?? addContentType(store, site, target.method);
        created.set(target.pathId, ct);
        if (a.name === 'ObjectIdentityQuery') results.push(Number(a.attrs.Id), { _ObjectIdentity_: `${identityOf(site, 'web')}:contenttype:${ct.id}` });
        else if (a.name === 'ObjectPath') results.push(Number(a.attrs.Id), { IsNull: false });
        else throw new CsomError('The local tenant does not support a query of a new content type in CSOM requests.', -1, 'Microsoft.SharePoint.Client.ClientServiceException');
        continue;
      }
      if (a.name === 'ObjectPath') results.push(Number(a.attrs.Id), { IsNull: false });
      else if (a.name === 'ObjectIdentityQuery') results.push(Number(a.attrs.Id), { _ObjectIdentity_: target.t === 'site' ? identityOf(site, 'site') : identityOf(site, 'web') });
      else results.push(Number(a.attrs.Id), queryResult(store, site, target, a, roles));
      continue;
    }
    if (a.name === 'Method' && target.t === 'allProperties' && a.attrs.Name === 'SetFieldValue') {
      const key = params[0]?.text ?? '';
      if (!key) throw new CsomError('The property name cannot be empty.', -2147024809, 'System.ArgumentException');
      const p1 = params[1];
      if (!p1 || p1.attrs.Type === 'Null') delete props[key];
      else props[key] = p1.text;
      propsTouched = true;
      continue;
    }
    if (a.name === 'SetProperty' && target.t === 'regionalSettings') {
      const name = a.attrs.Name;
      const p = params[0] ?? a.children.find((e) => e.name === 'Parameter');
      if (name === 'LocaleId') {
        const n = Number(p?.text);
        if (!Number.isInteger(n) || !(n in LOCALES)) throw new CsomError(`Value does not fall within the expected range. (LocaleId ${p?.text})`, -2147024809, 'System.ArgumentException');
        localeId = n;
      } else if (name === 'TimeZone') {
        const tz = resolve(p?.attrs.ObjectPathId ?? '');
        // SharePoint's time zone ids run from 1 to about 110; the emulator describes the common ones (TIME_ZONES)
        if (tz.t !== 'timeZone' || !Number.isInteger(tz.id) || tz.id < 1 || tz.id > 110) throw new CsomError('Cannot find the time zone.', -2147024809, 'System.ArgumentException');
        timeZoneId = tz.id;
      } else throw new CsomError(`The local tenant does not support setting RegionalSettings.${name}.`, -1, 'Microsoft.SharePoint.Client.ClientServiceException');
      regionalTouched = true;
      continue;
    }
    if (a.name === 'Method' && a.attrs.Name === 'Update') {
      if (target.t === 'web') propsCommitted = propsTouched;
      else if (target.t === 'regionalSettings') regionalCommitted = regionalTouched;
      else throw new CsomError(`The local tenant does not support Update on ${target.t === 'unknown' ? target.what : target.t}.`, -1, 'Microsoft.SharePoint.Client.ClientServiceException');
      continue;
    }
    throw new CsomError(`The local tenant does not support the CSOM action ${a.name} ${a.attrs.Name ?? ''}.`.replace(/ \./, '.'), -1, 'Microsoft.SharePoint.Client.ClientServiceException');
  }
  // Web.Update and RegionalSettings.Update are Manage Web, in Full Control alone (Design lacks it)
  if ((propsCommitted || regionalCommitted) && !roles.includes('Sites.FullControl.All')) {
    throw new CsomError('Access denied. You do not have permission to perform this action or access this resource.', -2147024891, 'System.UnauthorizedAccessException');
  }
  if (propsCommitted && customScriptDenied(store, site)) throw new CsomError(NO_SCRIPT_ERROR.message, NO_SCRIPT_ERROR.code, NO_SCRIPT_ERROR.typeName);
  const next: WebSettingsRec = { ...web };
  let changed = false;
  if (propsCommitted) {
    next.props = props;
    changed = true;
  }
  if (regionalCommitted) {
    next.localeId = localeId;
    next.timeZoneId = timeZoneId;
    changed = true;
  }
  if (changed) putWeb(store, next);
  return results;
}

