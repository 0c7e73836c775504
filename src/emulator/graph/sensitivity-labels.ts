/**
 * `GET /security/dataSecurityAndGovernance/sensitivityLabels[/{id}]`: the sensitivity labels
 * published in the tenant (microsoft.graph.sensitivityLabel; application permission
 * SensitivityLabels.Read.All). Read-only: labels are managed in Microsoft Purview, not here. The
 * local tenant publishes a fixed set (site-ia.ts SENSITIVITY_LABELS).
 */
import { jsonRes, type Res } from '../http.ts';
import { SENSITIVITY_LABELS, type SensitivityLabelRec } from '../site-ia.ts';
import { GraphError, unknownSegment } from './errors.ts';
import { GRAPH_BASE } from './project.ts';
import type { GraphCtx } from './route-context.ts';
import type { GraphRoute } from './route-table.ts';

function labelJson(l: SensitivityLabelRec): Record<string, unknown> {
  return {
    id: l.id,
    name: l.name,
    displayName: l.name,
    description: l.description,
    toolTip: l.description,
    color: l.color,
    sensitivity: l.sensitivity,
    isEnabled: true,
    isDefault: false,
    isScopedToUser: false,
    hasProtection: false,
    applicableTo: 'email,site,unifiedGroup,teamwork,file',
    locale: 'sv-SE',
  };
}

const CONTEXT = `${GRAPH_BASE}/$metadata#security/dataSecurityAndGovernance/sensitivityLabels`;

function getLabel(c: GraphCtx): Res {
  const id = c.params.label!;
  const l = SENSITIVITY_LABELS.find((x) => x.id === id.toLowerCase());
  if (!l) throw new GraphError(404, 'NotFound', `The sensitivity label '${id}' was not found.`);
  return jsonRes(200, { '@odata.context': `${CONTEXT}/$entity`, ...labelJson(l) });
}

/** The labels' routes: read-only (any other method is 405), in their order of precedence. */
export const SENSITIVITY_LABEL_ROUTES: GraphRoute[] = [
  {
    method: 'GET',
    pattern: '/security/dataSecurityAndGovernance/sensitivityLabels',
    op: '/security/dataSecurityAndGovernance/sensitivityLabels',
    handler: () => jsonRes(200, { '@odata.context': CONTEXT, value: SENSITIVITY_LABELS.map(labelJson) }),
  },
  { method: 'GET', pattern: '/security/dataSecurityAndGovernance/sensitivityLabels/{label}', op: '/security/dataSecurityAndGovernance/sensitivityLabels/{id}', handler: getLabel },
  {
    method: '*',
    pattern: '/security/dataSecurityAndGovernance/sensitivityLabels/{...}',
    op: null,
    handler: (c) => {
      if (c.req.method !== 'GET') throw new GraphError(405, 'Request_BadRequest', `The HTTP method '${c.req.method}' is not allowed for sensitivity labels.`);
      c.op('(unknown)');
      throw unknownSegment(c.firstSegment);
    },
  },
];
