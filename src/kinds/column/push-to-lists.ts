/**
 * A site column's update carried to the copies lists got from it. SharePoint copies a site column
 * into a list when a content type brings it there; Graph's PATCH of the site column leaves those
 * copies as they were, where SharePoint's own "update all list columns based on this site column"
 * pushes the change. A list's copy has the site column's id. Only a copy that still follows the
 * site column is updated: every property the update changes holds there what the site column held
 * before it. A copy changed on its own (by hand, or written on the list by the blueprint with
 * values of its own) is left alone, so a list column the blueprint states never sees its values
 * pushed over and back.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';

/** The part of Graph's columnDefinition an update compares and writes. */
export interface PushedColumn {
  id: string;
  name: string;
  displayName?: string;
  description?: string | null;
  required?: boolean;
  defaultValue?: { value?: string | null } | null;
  choice?: { choices?: string[] };
}

/** The properties an update may write (the keys of its PATCH body), as Graph's select names them. */
export const PUSHED_SELECT = '$select=id,name,displayName,description,required,defaultValue,choice';

/**
 * Sends `patch` (a Graph columnDefinition PATCH body) to every list copy on the site that follows
 * `before`, the site column as it was. A copy has the site column's id (a list column of the same
 * name made otherwise has another id, and is not one).
 */
export async function pushToListCopies(tenant: TenantClient, siteId: string, before: PushedColumn, patch: Record<string, unknown>): Promise<void> {
  const lists = await tenant.graph.list<{ id: string }>(`/sites/${siteId}/lists?$select=id`);
  await Promise.all(
    lists.map(async (list) => {
      const columns = await tenant.graph.list<PushedColumn>(`/sites/${siteId}/lists/${list.id}/columns?${PUSHED_SELECT}`);
      const copy = columns.find((c) => c.id.toLowerCase() === before.id.toLowerCase());
      if (copy && follows(copy, before, patch)) await tenant.graph.patch(`/sites/${siteId}/lists/${list.id}/columns/${copy.id}`, patch);
    }),
  );
}

/** Whether the copy holds the site column's former value of every property the patch writes. */
function follows(copy: PushedColumn, before: PushedColumn, patch: Record<string, unknown>): boolean {
  return Object.keys(patch).every((key) => {
    switch (key) {
      case 'displayName':
        return copy.displayName === before.displayName;
      case 'description':
        return (copy.description ?? '') === (before.description ?? '');
      case 'required':
        return (copy.required ?? false) === (before.required ?? false);
      case 'defaultValue':
        return (copy.defaultValue?.value ?? null) === (before.defaultValue?.value ?? null);
      case 'choice':
        return JSON.stringify(copy.choice?.choices ?? []) === JSON.stringify(before.choice?.choices ?? []);
      default:
        return false;
    }
  });
}
