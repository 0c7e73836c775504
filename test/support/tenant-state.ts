/**
 * Opens the local tenant of a working folder from the test process (after the CLI has
 * finished with it) and reads its state through the same SDK faces the engine uses, so tests
 * assert on what the tenant holds.
 */
import { openTarget, type Target } from '../../src/tenant/target.ts';

export async function withTenant<T>(cwd: string, use: (target: Target) => Promise<T>): Promise<T> {
  const target = await openTarget({ tenant: 'local', cwd });
  try {
    return await use(target);
  } finally {
    await target.close();
  }
}

export interface GraphColumnView {
  name: string;
  displayName: string;
  choice?: { choices?: string[] };
  id: string;
}

export async function siteByPath(target: Target, path: string): Promise<{ id: string; displayName: string; webUrl: string } | undefined> {
  return target.client.graph.find(`/sites/${target.client.sharepointHost}:${path}`);
}

export async function listColumns(target: Target, sitePath: string, listName: string): Promise<GraphColumnView[]> {
  const site = await siteByPath(target, sitePath);
  if (!site) throw new Error(`no site at ${sitePath}`);
  const list = await target.client.graph.get<{ id: string }>(`/sites/${site.id}/lists/${encodeURIComponent(listName)}`);
  return target.client.graph.list<GraphColumnView>(`/sites/${site.id}/lists/${list.id}/columns`);
}
