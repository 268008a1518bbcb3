import { z } from 'zod';

// Graph may send null or leave out a list it has nothing for; a list of anything but strings is an unexpected shape.
const stringList = z.array(z.string()).nullish().transform((list) => list ?? []);

const resourceActionSchema = z.object({
  allowedResourceActions: stringList,
  notAllowedResourceActions: stringList,
});

const rolePermissionSchema = z.object({
  /** Deprecated in beta, but still allowed actions where a definition carries them. */
  actions: stringList,
  resourceActions: z.array(resourceActionSchema).nullish().transform((list) => list ?? []),
});

/** roleDefinition (beta). Both the current `rolePermissions` and the older `permissions` are read. */
export const roleDefinitionSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().nullish().transform((name) => name ?? ''),
  rolePermissions: z.array(rolePermissionSchema).nullish().transform((list) => list ?? []),
  permissions: z.array(rolePermissionSchema).nullish().transform((list) => list ?? []),
});

export type RoleDefinitionResource = z.infer<typeof roleDefinitionSchema>;

/**
 * deviceAndAppManagementRoleAssignment (beta). `members` is undefined when Graph left it out, as it
 * does when assignments are listed under a role definition; null counts as no members.
 */
export const roleAssignmentSchema = z.object({
  id: z.string().min(1),
  members: z.array(z.string()).nullable().optional(),
  scopeMembers: stringList,
  resourceScopes: stringList,
  scopeType: z.string().nullish(),
});

export type RoleAssignmentResource = z.infer<typeof roleAssignmentSchema>;

/** An entry of transitiveMemberOf: a group, a directory role or an administrative unit. */
export const directoryObjectSchema = z.object({
  '@odata.type': z.string(),
  id: z.string().min(1),
  roleTemplateId: z.string().nullish(),
});

export type DirectoryObjectResource = z.infer<typeof directoryObjectSchema>;
