import type { NormalizedCpeMatch } from '../normalized-cve';
import { quoted, type NormalizeContext } from './normalize-context';
import { objectsIn, stringOrNull, type JsonObject } from '../../raw-json';

/**
 * NVD `configurations[].nodes[].cpeMatch[]` flattened to one row per cpeMatch, keeping the
 * configuration and node indices and the node's operator/negate so the tree can be rebuilt.
 */
export function flattenNvdConfigurations(configurations: unknown, path: string, ctx: NormalizeContext): NormalizedCpeMatch[] {
  return objectsIn(configurations).flatMap((configuration, configurationIndex) =>
    objectsIn(configuration.nodes).flatMap((node, nodeIndex) =>
      flattenNode(node, configurationIndex, nodeIndex, `${path}[${configurationIndex}].nodes[${nodeIndex}]`, ctx),
    ),
  );
}

function flattenNode(
  node: JsonObject,
  configuration: number,
  nodeIndex: number,
  path: string,
  ctx: NormalizeContext,
): NormalizedCpeMatch[] {
  let operator: NormalizedCpeMatch['operator'] = 'OR';
  if (node.operator === 'AND') operator = 'AND';
  else if (node.operator !== 'OR') ctx.warn(`${path}.operator`, `operator ${quoted(node.operator)} is not AND/OR; read as OR`);
  const negate = node.negate === true;
  return objectsIn(node.cpeMatch).flatMap((match, index) => {
    const criteria = stringOrNull(match.criteria);
    if (criteria === null) {
      ctx.warn(`${path}.cpeMatch[${index}]`, 'cpeMatch without criteria dropped');
      return [];
    }
    return [
      {
        configuration,
        node: nodeIndex,
        operator,
        negate,
        criteria,
        matchCriteriaId: stringOrNull(match.matchCriteriaId),
        vulnerable: match.vulnerable === true,
        versionStartIncluding: stringOrNull(match.versionStartIncluding),
        versionStartExcluding: stringOrNull(match.versionStartExcluding),
        versionEndIncluding: stringOrNull(match.versionEndIncluding),
        versionEndExcluding: stringOrNull(match.versionEndExcluding),
      },
    ];
  });
}
