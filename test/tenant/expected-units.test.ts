/**
 * The expected cost of a SharePoint request, relative to others: Microsoft's table for Graph on
 * SharePoint resources (1 a single item, 2 a query of many or a write, 5 a permission operation,
 * a delta 1 with a token and 2 without), 2 and 3 for a REST or CSOM read and write.
 */
import { expect, test } from 'vitest';
import { expectedUnits } from '../../src/tenant/expected-units.ts';

const G = 'https://graph.microsoft.com/v1.0';
const SP = 'https://contoso.sharepoint.com/sites/hr/_api';

test.each([
  ['GET', `${G}/groups/1f0c/sites/root?$select=id,webUrl`, 1],
  ['GET', `${G}/sites/contoso.sharepoint.com,1,2`, 1],
  ['GET', `${G}/sites/s1/contentTypes/0x0101`, 1],
  ['GET', `${G}/sites/s1/lists?$select=id,name`, 2],
  ['GET', `${G}/sites/s1/contentTypes/0x0101/columns`, 2],
  ['get', `${G}/sites/s1/lists/l1/items`, 2],
  ['POST', `${G}/sites/s1/lists`, 2],
  ['PATCH', `${G}/sites/s1/lists/l1/items/4/fields`, 2],
  ['DELETE', `${G}/sites/s1/columns/c1`, 2],
  ['GET', `${G}/sites/s1/lists/l1/items/4?$expand=permissions`, 5],
  ['POST', `${G}/sites/s1/permissions`, 5],
  ['GET', `${G}/drives/d1/root/delta`, 2],
  ['GET', `${G}/drives/d1/root/delta?token=abc`, 1],
  ['GET', `${SP}/web/sitegroups`, 2],
  ['POST', `${SP}/web/fields/createfieldasxml`, 3],
  ['POST', `${SP}/web/lists(guid'1')/roleassignments/addroleassignment(principalid=3,roledefid=5)`, 3],
  ['POST', 'https://contoso.sharepoint.com/sites/hr/_vti_bin/client.svc/ProcessQuery', 3],
  ['GET', 'https://contoso.sharepoint.us/sites/hr/_api/web/lists', 2],
])('%s %s is expected to cost %i', (method, url, units) => {
  expect(expectedUnits(method, url)).toBe(units);
});
