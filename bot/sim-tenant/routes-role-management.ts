import { Directory } from './directory.js';
import { assertCountAllowed, parseDirectoryFilter } from './directory-query.js';
import { unsupportedQuery } from './graph-error.js';
import type { FilterNode } from './odata-filter.js';
import { applySelect, assertKnownOptions, collectionBody, contextUrl, pageOf, queryOption, readCount, readSelect, readTop } from './odata.js';
import type { Route, RouteContext, RouteResult } from './router.js';

const assignmentProperties = ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId', 'condition'];
const filterableProperties = ['principalId', 'roleDefinitionId', 'directoryScopeId'];

/** Collects `property eq 'value'` clauses joined by `and`; any other shape is rejected as Graph does here. */
function readEqualities(node: FilterNode, into: Map<string, string>): void {
  if (node.kind === 'and') {
    readEqualities(node.left, into);
    readEqualities(node.right, into);
    return;
  }
  const property = node.kind === 'compare' && node.operator === 'eq'
    ? filterableProperties.find((candidate) => candidate.toLowerCase() === node.property.toLowerCase())
    : undefined;
  if (node.kind !== 'compare' || property === undefined || typeof node.value !== 'string') {
    throw unsupportedQuery('transitiveRoleAssignments supports only eq on principalId, roleDefinitionId and directoryScopeId, joined by and.');
  }
  into.set(property, node.value.toLowerCase());
}

/**
 * Direct and group-inherited Entra role assignments of one principal. An assignment inherited
 * through a group carries the group's id as principalId, as the Graph documentation describes.
 */
function listTransitiveRoleAssignments(context: RouteContext): RouteResult {
  const { query } = context;
  assertKnownOptions(query, ['filter', 'select', 'top', 'count']);
  const count = readCount(query);
  assertCountAllowed(count, context.headers);
  const select = readSelect(query, assignmentProperties, 'microsoft.graph.unifiedRoleAssignment');
  const top = readTop(query, 999);

  const filterText = queryOption(query, 'filter');
  const equalities = new Map<string, string>();
  if (filterText !== undefined) {
    readEqualities(parseDirectoryFilter(filterText), equalities);
  }
  const principalId = equalities.get('principalId');
  if (principalId === undefined) {
    throw unsupportedQuery("transitiveRoleAssignments needs $filter=principalId eq '{id}'.");
  }

  const directory = new Directory(context.state.seed);
  const principals = new Set([principalId, ...directory.transitiveGroups(principalId).map((group) => group.id)]);
  const rows = context.state.seed.directoryRoles.flatMap((role) => role.members
    .filter((memberId) => principals.has(memberId))
    .map((memberId) => ({
      id: Buffer.from(`${role.roleTemplateId}:${memberId}`).toString('base64url'),
      principalId: memberId,
      roleDefinitionId: role.roleTemplateId,
      directoryScopeId: '/',
      appScopeId: null,
      condition: null,
    })))
    .filter((row) => [...equalities].every(([property, value]) =>
      property === 'principalId' || String(row[property as keyof typeof row]).toLowerCase() === value));

  const page = pageOf(rows, context.url, context.origin, top ?? context.state.pageSize);
  return {
    status: 200,
    json: collectionBody({
      context: contextUrl(context.origin, context.version, 'roleManagement/directory/transitiveRoleAssignments', { select }),
      items: page.items.map((row) => applySelect(row, select)),
      nextLink: page.nextLink,
      count: count ? rows.length : undefined,
    }),
  };
}

export const roleManagementRoutes: Route[] = [
  {
    pattern: /^\/roleManagement\/directory\/transitiveRoleAssignments$/i,
    handlers: { GET: listTransitiveRoleAssignments },
    versions: ['beta'],
  },
];
