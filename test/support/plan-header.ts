/** The header fields of a Plan written by hand in a test (its format, blueprint, tenant, time). */
import { PLAN_FORMAT_VERSION, type Plan } from '../../src/model/plan.ts';

export const planHeader: Pick<Plan, 'formatVersion' | 'blueprint' | 'tenant' | 'target' | 'createdAt' | 'fingerprint' | 'owner'> = {
  formatVersion: PLAN_FORMAT_VERSION,
  blueprint: 'b.yaml',
  tenant: 'test',
  target: { tenantId: '00000000-0000-0000-0000-000000000001', host: 'contoso.sharepoint.com' },
  createdAt: '2026-11-23T00:00:00.000Z',
  fingerprint: 'f',
  owner: 'b',
};
