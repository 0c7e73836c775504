/**
 * A site's sensitivity label as the tenant admin host's `SPO.Tenant/sites('<id>')` shows and
 * changes it (tenant-sites.ts): kept in the web's settings record; the published labels are
 * `SENSITIVITY_LABELS` of ../site-ia.ts (Graph shows them: graph/sensitivity-labels.ts).
 */
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { SENSITIVITY_LABELS } from '../site-ia.ts';
import { SpError } from './errors.ts';
import { EMPTY_GUID, putWeb, webSettings } from './site-ia-web-settings.ts';

/** The label properties of the tenant admin SiteProperties (SensitivityLabel is the Guid form). */
export function siteLabelProps(store: Store, site: SiteRec): Record<string, unknown> {
  const label = store.ia.web(site.id)?.sensitivityLabel ?? null;
  return { SensitivityLabel: label ?? EMPTY_GUID, SensitivityLabel2: label ?? '' };
}

/**
 * The label part of a PATCH of `SPO.Tenant/sites('<id>')`: `SensitivityLabel2` (string) or
 * `SensitivityLabel` (Guid); empty or the empty Guid removes it. Returns a commit to run once the
 * whole body is valid, or throws the service's error for a label the tenant does not publish.
 */
export function siteLabelPatch(store: Store, site: SiteRec, body: Record<string, unknown>): (() => void) | undefined {
  const raw = body.SensitivityLabel2 !== undefined ? body.SensitivityLabel2 : body.SensitivityLabel;
  if (raw === undefined) return undefined;
  const id = raw === null ? '' : String(raw).trim().toLowerCase();
  const clear = id === '' || id === EMPTY_GUID;
  if (!clear && !SENSITIVITY_LABELS.some((l) => l.id === id)) {
    throw new SpError(400, '-2147024809, System.ArgumentException', `The sensitivity label '${String(raw)}' does not exist or is not published to this tenant.`);
  }
  return () => putWeb(store, { ...webSettings(store, site), sensitivityLabel: clear ? null : id });
}
