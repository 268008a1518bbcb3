import { z } from 'zod';
import type { GraphClient } from '../../graph/client.js';
import { GraphRequestError } from '../../graph/graph-error.js';
import type { Logger } from '../../log.js';
import type { AssignmentScope, IntuneRoleAssignment, IntuneRoleDefinition, ResourceActionRule, RoleCatalog } from './effective-permissions.js';
import { intuneAdministratorRoles } from './effective-permissions.js';
import { roleAssignmentSchema, roleDefinitionSchema, type RoleAssignmentResource, type RoleDefinitionResource } from './graph-schemas.js';

// Parallel Graph reads per catalog load: enough to finish quickly, few enough to stay clear of throttling.
const maxParallelReads = 4;

const assignmentIdSchema = z.object({ id: z.string().min(1) });
const principalIdSchema = z.object({ id: z.string().min(1) });

/**
 * Reads the tenant's Intune role definitions and assignments (Graph beta) and the principals holding
 * Global Administrator or Intune Administrator (Graph v1.0).
 *
 * Graph's roleAssignment has no role definition id, so the link comes from listing each definition's
 * assignments. That listing leaves out `members`, so members come from the tenant-wide list, and an
 * assignment still missing them is read by id.
 */
export async function readRoleCatalog(graph: GraphClient, logger: Logger): Promise<RoleCatalog> {
  const [definitionResources, assignmentResources, administratorPrincipals] = await Promise.all([
    readAll(graph, '/deviceManagement/roleDefinitions', roleDefinitionSchema),
    readAll(graph, '/deviceManagement/roleAssignments', roleAssignmentSchema),
    readAdministratorPrincipals(graph),
  ]);

  const definitions = new Map(definitionResources.map((resource) => [resource.id.toLowerCase(), toRoleDefinition(resource)]));
  const definitionIdByAssignment = await readDefinitionLinks(graph, [...definitions.keys()]);
  const assignments = await completeAssignments(graph, assignmentResources, definitionIdByAssignment);

  const catalog: RoleCatalog = { definitions, assignments: [], administratorPrincipals };
  for (const resource of assignments) {
    const id = resource.id.toLowerCase();
    const roleDefinitionId = definitionIdByAssignment.get(id);
    if (roleDefinitionId === undefined) {
      logger.warn({ assignmentId: id }, 'Intune role assignment is not listed under any role definition, so it grants nothing');
      continue;
    }
    catalog.assignments.push(toRoleAssignment(resource, roleDefinitionId));
  }
  return catalog;
}

async function readAll<T>(graph: GraphClient, path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): Promise<T[]> {
  const { items } = await graph.getAllPages(path, schema, { version: 'beta' });
  return items;
}

/** Maps each assignment id to its role definition id, by listing the assignments under every definition. */
async function readDefinitionLinks(graph: GraphClient, definitionIds: string[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  await forEachInParallel(definitionIds, async (definitionId) => {
    const path = `/deviceManagement/roleDefinitions/${encodeURIComponent(definitionId)}/roleAssignments?$select=id`;
    const assignments = await readAll(graph, path, assignmentIdSchema);
    assignments.forEach((assignment) => links.set(assignment.id.toLowerCase(), definitionId));
  });
  return links;
}

/**
 * Returns every linked assignment with its members: those the tenant-wide list left out, or listed
 * without members, are read by id.
 */
async function completeAssignments(
  graph: GraphClient,
  listed: RoleAssignmentResource[],
  definitionIdByAssignment: Map<string, string>,
): Promise<RoleAssignmentResource[]> {
  const complete = new Map<string, RoleAssignmentResource>();
  for (const resource of listed) {
    if (resource.members !== undefined) {
      complete.set(resource.id.toLowerCase(), resource);
    }
  }

  const missing = [...new Set([...listed.map((resource) => resource.id.toLowerCase()), ...definitionIdByAssignment.keys()])].filter((id) => !complete.has(id));
  await forEachInParallel(missing, async (id) => {
    const { value, requestId } = await graph.get(`/deviceManagement/roleAssignments/${encodeURIComponent(id)}`, roleAssignmentSchema, { version: 'beta' });
    if (value.members === undefined) {
      throw new GraphRequestError({
        method: 'GET',
        path: '/deviceManagement/roleAssignments/{id}',
        status: 200,
        code: 'invalid_response',
        requestId,
        graphMessage: `role assignment ${id} has no members property`,
      });
    }
    complete.set(id, value);
  });
  return [...complete.values()];
}

/**
 * Reads the users and groups that hold each administrator directory role tenant-wide. A role that
 * was never activated in the tenant has no directoryRole object, and Graph returns 404, so the role has no members.
 * Needs RoleManagement.Read.Directory.
 */
async function readAdministratorPrincipals(graph: GraphClient): Promise<Map<string, string>> {
  const principals = new Map<string, string>();
  await forEachInParallel([...intuneAdministratorRoles], async ([templateId, roleName]) => {
    const path = `/directoryRoles(roleTemplateId='${templateId}')/members?$select=id`;
    const members = await readAll404AsEmpty(graph, path);
    members.forEach((member) => principals.set(member.id.toLowerCase(), roleName));
  });
  return principals;
}

async function readAll404AsEmpty(graph: GraphClient, path: string): Promise<Array<{ id: string }>> {
  try {
    const { items } = await graph.getAllPages(path, principalIdSchema, { version: 'v1.0' });
    return items;
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 404) {
      return [];
    }
    throw error;
  }
}

function toRoleDefinition(resource: RoleDefinitionResource): IntuneRoleDefinition {
  const rules: ResourceActionRule[] = [];
  for (const permission of [...resource.rolePermissions, ...resource.permissions]) {
    rules.push({ allowedResourceActions: permission.actions, notAllowedResourceActions: [] });
    rules.push(...permission.resourceActions);
  }
  return { id: resource.id.toLowerCase(), displayName: resource.displayName, rules };
}

function toRoleAssignment(resource: RoleAssignmentResource, roleDefinitionId: string): IntuneRoleAssignment {
  return {
    id: resource.id.toLowerCase(),
    roleDefinitionId,
    memberIds: (resource.members ?? []).map((id) => id.toLowerCase()),
    scope: toAssignmentScope(resource),
  };
}

/** Graph's default scopeType is resourceScope; the scope groups may sit in resourceScopes, scopeMembers or both. */
function toAssignmentScope(resource: RoleAssignmentResource): AssignmentScope {
  const scopeType = resource.scopeType ?? 'resourceScope';
  switch (scopeType) {
    case 'resourceScope': {
      const groupIds = new Set([...resource.resourceScopes, ...resource.scopeMembers].map((id) => id.toLowerCase()));
      return { kind: 'groups', groupIds: [...groupIds] };
    }
    case 'allDevices':
    case 'allLicensedUsers':
    case 'allDevicesAndLicensedUsers':
      return { kind: scopeType };
    default:
      return { kind: 'unsupported', scopeType };
  }
}

async function forEachInParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(maxParallelReads, items.length) }, worker));
}
