/**
 * `GET /security/dataSecurityAndGovernance/sensitivityLabels[/{id}]`: the sensitivity labels
 * published in the tenant (microsoft.graph.sensitivityLabel; application permission
 * SensitivityLabels.Read.All). Read-only: labels are managed in Microsoft Purview, not here. The
 * local tenant publishes a fixed set (site-ia.ts SENSITIVITY_LABELS).
 */
import { jsonRes, type Req, type Res } from '../http.ts';
import { SENSITIVITY_LABELS, type SensitivityLabelRec } from '../site-ia.ts';
import { GraphError } from './errors.ts';
import { GRAPH_BASE } from './project.ts';

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

/** Handles the request when it is one of these routes; undefined otherwise. */
export function sensitivityLabelsRoute(req: Req, segs: string[], op: (name: string) => void): Res | undefined {
  const [s0, s1, s2, s3] = segs.map((s) => s.toLowerCase());
  if (s0 !== 'security' || s1 !== 'datasecurityandgovernance' || s2 !== 'sensitivitylabels') return undefined;
  if (req.method !== 'GET') throw new GraphError(405, 'Request_BadRequest', `The HTTP method '${req.method}' is not allowed for sensitivity labels.`);
  const context = `${GRAPH_BASE}/$metadata#security/dataSecurityAndGovernance/sensitivityLabels`;
  if (segs.length === 3) {
    op('/security/dataSecurityAndGovernance/sensitivityLabels');
    return jsonRes(200, { '@odata.context': context, value: SENSITIVITY_LABELS.map(labelJson) });
  }
  if (segs.length === 4) {
    op('/security/dataSecurityAndGovernance/sensitivityLabels/{id}');
    const l = SENSITIVITY_LABELS.find((x) => x.id === s3);
    if (!l) throw new GraphError(404, 'NotFound', `The sensitivity label '${segs[3]}' was not found.`);
    return jsonRes(200, { '@odata.context': `${context}/$entity`, ...labelJson(l) });
  }
  return undefined;
}
