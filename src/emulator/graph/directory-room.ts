/**
 * The directory's object quota as group and user creates meet it: Entra ID refuses a new object
 * once users and groups (soft-deleted ones included) fill the tenant's quota (50,000, or 300,000
 * with a verified custom domain: verified-domains.ts), with the one answer below.
 */
import type { Store } from '../store.ts';
import { directoryObjects, directoryQuota } from '../verified-domains.ts';
import { GraphError } from './errors.ts';

/** Throws the directory's 400 `Directory_QuotaExceeded` when the tenant has no room for another object. */
export function assertDirectoryRoom(store: Store): void {
  if (directoryObjects(store) >= directoryQuota(store.customDomains)) {
    throw new GraphError(400, 'Directory_QuotaExceeded', 'The directory object quota limit for the Tenant has been exceeded. Please ask your administrator to increase the quota limit or delete objects to reduce the used quota.');
  }
}
