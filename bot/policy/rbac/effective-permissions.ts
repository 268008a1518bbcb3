/** Entra directory role template ids that give full Intune rights, with the names the admin center shows. */
export const intuneAdministratorRoles: ReadonlyMap<string, string> = new Map([
  ['62e90394-69f5-4237-9190-012177145e10', 'Global Administrator'],
  ['3a2c62db-5318-420d-8d74-23affee5d9d5', 'Intune Administrator'],
]);

/** One allowed/not-allowed pair of a role definition, taken from rolePermissions or the older permissions field. */
export interface ResourceActionRule {
  allowedResourceActions: string[];
  notAllowedResourceActions: string[];
}

export interface IntuneRoleDefinition {
  id: string;
  displayName: string;
  rules: ResourceActionRule[];
}

/** The devices an Intune role assignment covers (Graph `scopeType` plus `resourceScopes`/`scopeMembers`). */
export type AssignmentScope =
  | { kind: 'groups'; groupIds: string[] }
  | { kind: 'allDevices' }
  | { kind: 'allLicensedUsers' }
  | { kind: 'allDevicesAndLicensedUsers' }
  | { kind: 'unsupported'; scopeType: string };

export interface IntuneRoleAssignment {
  id: string;
  roleDefinitionId: string;
  /** Entra group ids whose transitive members hold the role. */
  memberIds: string[];
  scope: AssignmentScope;
}

/** Tenant-wide RBAC data, the same for every caller. Ids are lower case. */
export interface RoleCatalog {
  definitions: Map<string, IntuneRoleDefinition>;
  assignments: IntuneRoleAssignment[];
  /** Users and groups holding Global Administrator or Intune Administrator tenant-wide, mapped to the role's name. */
  administratorPrincipals: Map<string, string>;
}

/** The caller's Entra memberships. Ids are lower case. */
export interface CallerDirectory {
  userId: string;
  /** Groups the user belongs to directly or through nested groups. */
  groupIds: Set<string>;
  /** roleTemplateId of each directory role the user holds, directly or through a role-assignable group. */
  directoryRoleTemplateIds: Set<string>;
}

/** The actions and scope that one matching role assignment gives the caller. */
export interface Grant {
  assignmentId: string;
  roleName: string;
  /** Tests a resource action against the assignment's role definition (see compileRules). */
  allows: (action: string) => boolean;
  scope: AssignmentScope;
}

export type EffectivePermissions =
  | { kind: 'administrator'; roleName: string }
  | { kind: 'roles'; grants: Grant[] };

/**
 * Computes the caller's Intune permissions. A Global or Intune Administrator directory role, held
 * directly or through a group, allows everything. Otherwise each Intune role assignment whose members
 * contain the caller, directly or through one of their groups, grants its role definition's actions.
 * NOTE: not-allowed actions are subtracted per role definition, as Azure RBAC does with NotActions,
 * so a second role that allows the action still grants it. Assignments whose definition is missing
 * from the catalog grant nothing.
 */
export function computeEffectivePermissions(catalog: RoleCatalog, caller: CallerDirectory): EffectivePermissions {
  const administratorRole = findAdministratorRole(catalog, caller);
  if (administratorRole) {
    return { kind: 'administrator', roleName: administratorRole };
  }

  const grants: Grant[] = [];
  for (const assignment of catalog.assignments) {
    const isMember = assignment.memberIds.some((id) => id === caller.userId || caller.groupIds.has(id));
    const definition = catalog.definitions.get(assignment.roleDefinitionId);
    if (!isMember || !definition) {
      continue;
    }
    grants.push({
      assignmentId: assignment.id,
      roleName: definition.displayName,
      allows: compileRules(definition.rules),
      scope: assignment.scope,
    });
  }
  return { kind: 'roles', grants };
}

function findAdministratorRole(catalog: RoleCatalog, caller: CallerDirectory): string | undefined {
  for (const [templateId, name] of intuneAdministratorRoles) {
    if (caller.directoryRoleTemplateIds.has(templateId)) {
      return name;
    }
  }

  const principals = [caller.userId, ...caller.groupIds];
  for (const principal of principals) {
    const name = catalog.administratorPrincipals.get(principal);
    if (name) {
      return name;
    }
  }
  return undefined;
}

/**
 * Builds the test for one role definition: the union of its allowed actions minus the union of its
 * not-allowed actions, case-insensitive, with `*` meaning every action on either side.
 */
export function compileRules(rules: ResourceActionRule[]): (action: string) => boolean {
  const allowed = new Set(rules.flatMap((rule) => rule.allowedResourceActions.map((action) => action.toLowerCase())));
  const notAllowed = new Set(rules.flatMap((rule) => rule.notAllowedResourceActions.map((action) => action.toLowerCase())));

  return (action: string) => {
    const key = action.toLowerCase();
    const isAllowed = allowed.has('*') || allowed.has(key);
    const isExcluded = notAllowed.has('*') || notAllowed.has(key);
    return isAllowed && !isExcluded;
  };
}

/** Returns the grants that allow the action; an administrator needs none. */
export function grantsFor(permissions: EffectivePermissions, action: string): Grant[] {
  if (permissions.kind === 'administrator') {
    return [];
  }
  return permissions.grants.filter((grant) => grant.allows(action));
}

/** Returns the required actions that no grant allows, in the order given. */
export function findMissingActions(permissions: EffectivePermissions, required: readonly string[]): string[] {
  if (permissions.kind === 'administrator') {
    return [];
  }
  return required.filter((action) => grantsFor(permissions, action).length === 0);
}
