import { intuneNotFound, badRequest } from './graph-error.js';
import { applySelect, assertKnownOptions, collectionBody, contextUrl, pageOf, queryOption, readSelect, readTop } from './odata.js';
import type { ApiVersion, Route, RouteContext, RouteResult } from './router.js';
import type { SeedRoleAssignment, SeedRoleDefinition } from './seed.js';

const maxTop = 1000;

const definitionProperties: Record<ApiVersion, string[]> = {
  beta: ['id', 'displayName', 'description', 'permissions', 'rolePermissions', 'isBuiltInRoleDefinition', 'isBuiltIn', 'roleScopeTagIds'],
  'v1.0': ['id', 'displayName', 'description', 'rolePermissions', 'isBuiltIn'],
};
const assignmentProperties: Record<ApiVersion, string[]> = {
  beta: ['id', 'displayName', 'description', 'scopeMembers', 'scopeType', 'resourceScopes', 'members', 'roleScopeTagIds'],
  'v1.0': ['id', 'displayName', 'description', 'resourceScopes', 'members'],
};

/** Builds a role definition as Graph sends it. Beta keeps whichever permission lists exist, and v1.0 has only rolePermissions without actions. */
function definitionResource(definition: SeedRoleDefinition, version: ApiVersion): Record<string, unknown> {
  const resource: Record<string, unknown> = { '@odata.type': '#microsoft.graph.deviceAndAppManagementRoleDefinition' };
  if (version === 'beta') {
    for (const property of definitionProperties.beta) {
      const value = definition[property as keyof SeedRoleDefinition];
      if (value !== undefined) {
        resource[property] = value;
      }
    }
    return resource;
  }

  const permissions = definition.rolePermissions ?? definition.permissions ?? [];
  return {
    ...resource,
    id: definition.id,
    displayName: definition.displayName,
    description: definition.description,
    rolePermissions: permissions.map((permission) => ({ resourceActions: permission.resourceActions })),
    isBuiltIn: definition.isBuiltIn,
  };
}

function assignmentResource(assignment: SeedRoleAssignment, version: ApiVersion): Record<string, unknown> {
  const resource: Record<string, unknown> = { '@odata.type': '#microsoft.graph.deviceAndAppManagementRoleAssignment' };
  for (const property of assignmentProperties[version]) {
    resource[property] = assignment[property as keyof SeedRoleAssignment];
  }
  return resource;
}

function findDefinition(context: RouteContext, id: string): SeedRoleDefinition {
  const definition = context.state.seed.roleDefinitions.find((candidate) => candidate.id === id.toLowerCase());
  if (definition === undefined) {
    throw intuneNotFound('roleDefinition', id);
  }
  return definition;
}

function findAssignment(context: RouteContext): SeedRoleAssignment {
  const id = context.params.assignmentId!;
  const assignment = context.state.seed.roleAssignments.find((candidate) => candidate.id === id.toLowerCase());
  if (assignment === undefined) {
    throw intuneNotFound('roleAssignment', id);
  }
  return assignment;
}

/** Reads $expand, which only the roleDefinition navigation of an assignment supports. */
function expandsRoleDefinition(context: RouteContext): boolean {
  const expand = queryOption(context.query, 'expand');
  if (expand === undefined) {
    return false;
  }
  if (expand.trim().toLowerCase() !== 'roledefinition') {
    throw badRequest(`Could not find a navigation property named '${expand}' to expand on 'microsoft.graph.deviceAndAppManagementRoleAssignment'.`);
  }
  return true;
}

function collection(context: RouteContext, fragment: string, rows: Record<string, unknown>[], properties: string[], typeName: string): RouteResult {
  const select = readSelect(context.query, properties, typeName);
  const top = readTop(context.query, maxTop);
  const page = pageOf(rows, context.url, context.origin, top ?? context.state.pageSize);
  return {
    status: 200,
    json: collectionBody({
      context: contextUrl(context.origin, context.version, fragment, { select }),
      items: page.items.map((row) => applySelect(row, select)),
      nextLink: page.nextLink,
    }),
  };
}

function entity(context: RouteContext, fragment: string, row: Record<string, unknown>, properties: string[], typeName: string): RouteResult {
  const select = readSelect(context.query, properties, typeName);
  return {
    status: 200,
    json: { '@odata.context': contextUrl(context.origin, context.version, fragment, { select, entity: true }), ...applySelect(row, select) },
  };
}

function listDefinitions(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select', 'top']);
  const rows = context.state.seed.roleDefinitions.map((definition) => definitionResource(definition, context.version));
  return collection(context, 'deviceManagement/roleDefinitions', rows, definitionProperties[context.version], 'microsoft.graph.roleDefinition');
}

function getDefinition(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select']);
  const definition = findDefinition(context, context.params.definitionId!);
  return entity(context, 'deviceManagement/roleDefinitions', definitionResource(definition, context.version), definitionProperties[context.version], 'microsoft.graph.roleDefinition');
}

/**
 * Lists the assignments of one definition. Like the real service, the list leaves out `members`
 * because its items are typed as the base roleAssignment, so callers must GET each assignment by id.
 */
function listDefinitionAssignments(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select', 'top']);
  const definition = findDefinition(context, context.params.definitionId!);
  const properties = assignmentProperties.beta.filter((property) => property !== 'members');
  const rows = context.state.seed.roleAssignments
    .filter((assignment) => assignment.roleDefinitionId === definition.id)
    .map((assignment) => {
      const row: Record<string, unknown> = { '@odata.type': '#microsoft.graph.roleAssignment' };
      for (const property of properties) {
        row[property] = assignment[property as keyof SeedRoleAssignment];
      }
      return row;
    });
  return collection(context, `deviceManagement/roleDefinitions('${definition.id}')/roleAssignments`, rows, properties, 'microsoft.graph.roleAssignment');
}

function assignmentRow(context: RouteContext, assignment: SeedRoleAssignment, expand: boolean): Record<string, unknown> {
  const row = assignmentResource(assignment, context.version);
  if (expand) {
    row.roleDefinition = definitionResource(findDefinition(context, assignment.roleDefinitionId), context.version);
  }
  return row;
}

function listAssignments(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select', 'top', 'expand']);
  const expand = expandsRoleDefinition(context);
  const rows = context.state.seed.roleAssignments.map((assignment) => assignmentRow(context, assignment, expand));
  const properties = [...assignmentProperties[context.version], ...(expand ? ['roleDefinition'] : [])];
  return collection(context, 'deviceManagement/roleAssignments', rows, properties, 'microsoft.graph.deviceAndAppManagementRoleAssignment');
}

function getAssignment(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select', 'expand']);
  const expand = expandsRoleDefinition(context);
  const row = assignmentRow(context, findAssignment(context), expand);
  const properties = [...assignmentProperties[context.version], ...(expand ? ['roleDefinition'] : [])];
  return entity(context, 'deviceManagement/roleAssignments', row, properties, 'microsoft.graph.deviceAndAppManagementRoleAssignment');
}

function getAssignmentDefinition(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select']);
  const definition = findDefinition(context, findAssignment(context).roleDefinitionId);
  return entity(context, 'deviceManagement/roleDefinitions', definitionResource(definition, context.version), definitionProperties[context.version], 'microsoft.graph.roleDefinition');
}

export const rbacRoutes: Route[] = [
  { pattern: /^\/deviceManagement\/roleDefinitions$/i, handlers: { GET: listDefinitions } },
  { pattern: /^\/deviceManagement\/roleDefinitions\/(?<definitionId>[^/]+)$/i, handlers: { GET: getDefinition } },
  {
    pattern: /^\/deviceManagement\/roleDefinitions\/(?<definitionId>[^/]+)\/roleAssignments$/i,
    handlers: { GET: listDefinitionAssignments },
    versions: ['beta'],
  },
  { pattern: /^\/deviceManagement\/roleAssignments$/i, handlers: { GET: listAssignments } },
  { pattern: /^\/deviceManagement\/roleAssignments\/(?<assignmentId>[^/]+)$/i, handlers: { GET: getAssignment } },
  { pattern: /^\/deviceManagement\/roleAssignments\/(?<assignmentId>[^/]+)\/roleDefinition$/i, handlers: { GET: getAssignmentDefinition } },
];
