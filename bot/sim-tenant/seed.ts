import { readFileSync } from 'node:fs';
import { z } from 'zod';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lower-case GUID');

const userSchema = z.object({
  id: guid,
  displayName: z.string(),
  givenName: z.string(),
  surname: z.string(),
  userPrincipalName: z.string(),
  mail: z.string(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  officeLocation: z.string().nullable(),
  city: z.string().nullable(),
  usageLocation: z.string(),
  accountEnabled: z.boolean(),
}).strict();

/** An Entra group; `members` lists the object ids of its direct members (users, groups or devices). */
const groupSchema = z.object({
  id: guid,
  displayName: z.string(),
  description: z.string().nullable(),
  mailNickname: z.string(),
  mailEnabled: z.boolean(),
  securityEnabled: z.boolean(),
  groupTypes: z.array(z.string()),
  isAssignableToRole: z.boolean(),
  createdDateTime: z.string(),
  members: z.array(guid),
}).strict();

/** An Entra device object; `deviceId` is what managedDevice.azureADDeviceId points at. */
const entraDeviceSchema = z.object({
  id: guid,
  deviceId: guid,
  displayName: z.string(),
  operatingSystem: z.string(),
  operatingSystemVersion: z.string(),
  accountEnabled: z.boolean(),
  trustType: z.string().nullable(),
}).strict();

/** An activated Entra directory role. `members` lists user ids or role-assignable group ids. */
const directoryRoleSchema = z.object({
  id: guid,
  displayName: z.string(),
  description: z.string(),
  roleTemplateId: guid,
  members: z.array(guid),
}).strict();

const resourceActionSchema = z.object({
  allowedResourceActions: z.array(z.string()),
  notAllowedResourceActions: z.array(z.string()),
}).strict();

const rolePermissionSchema = z.object({
  actions: z.array(z.string()),
  resourceActions: z.array(resourceActionSchema),
}).strict();

/** An Intune role definition in Graph beta shape. Either permission list may be absent. */
const roleDefinitionSchema = z.object({
  id: guid,
  displayName: z.string(),
  description: z.string(),
  isBuiltIn: z.boolean(),
  isBuiltInRoleDefinition: z.boolean(),
  roleScopeTagIds: z.array(z.string()),
  rolePermissions: z.array(rolePermissionSchema).optional(),
  permissions: z.array(rolePermissionSchema).optional(),
}).strict();

/**
 * An Intune role assignment (deviceAndAppManagementRoleAssignment, beta shape). Graph has no
 * roleDefinitionId property: the sim keeps the link here and serves it only through the
 * roleDefinition relationship.
 */
const roleAssignmentSchema = z.object({
  id: guid,
  roleDefinitionId: guid,
  displayName: z.string(),
  description: z.string(),
  members: z.array(guid),
  scopeMembers: z.array(guid),
  resourceScopes: z.array(guid),
  scopeType: z.enum(['resourceScope', 'allDevices', 'allLicensedUsers', 'allDevicesAndLicensedUsers']),
  roleScopeTagIds: z.array(z.string()),
}).strict();

/** A managedDevice in Graph beta shape. Devices without a primary user carry empty user fields, as Intune returns them. */
const managedDeviceSchema = z.object({
  id: guid,
  deviceName: z.string(),
  managedDeviceName: z.string(),
  userId: z.string(),
  userPrincipalName: z.string(),
  userDisplayName: z.string(),
  emailAddress: z.string(),
  operatingSystem: z.string(),
  osVersion: z.string(),
  deviceType: z.string(),
  deviceEnrollmentType: z.string(),
  managedDeviceOwnerType: z.enum(['unknown', 'company', 'personal']),
  ownerType: z.enum(['unknown', 'company', 'personal']),
  managementAgent: z.string(),
  managementState: z.string(),
  complianceState: z.string(),
  jailBroken: z.string(),
  enrolledDateTime: z.string(),
  lastSyncDateTime: z.string(),
  model: z.string(),
  manufacturer: z.string(),
  serialNumber: z.string(),
  imei: z.string(),
  azureADRegistered: z.boolean(),
  azureADDeviceId: z.string(),
  deviceRegistrationState: z.string(),
  isSupervised: z.boolean(),
  isEncrypted: z.boolean(),
  enrollmentProfileName: z.string().nullable(),
  roleScopeTagIds: z.array(z.string()),
}).strict();

export const seedSchema = z.object({
  tenantId: guid,
  domain: z.string(),
  users: z.array(userSchema),
  groups: z.array(groupSchema),
  devices: z.array(entraDeviceSchema),
  directoryRoles: z.array(directoryRoleSchema),
  roleDefinitions: z.array(roleDefinitionSchema),
  roleAssignments: z.array(roleAssignmentSchema),
  managedDevices: z.array(managedDeviceSchema),
}).strict();

export type Seed = z.infer<typeof seedSchema>;
export type SeedUser = Seed['users'][number];
export type SeedGroup = Seed['groups'][number];
export type SeedEntraDevice = Seed['devices'][number];
export type SeedDirectoryRole = Seed['directoryRoles'][number];
export type SeedRoleDefinition = Seed['roleDefinitions'][number];
export type SeedRoleAssignment = Seed['roleAssignments'][number];
export type SeedManagedDevice = Seed['managedDevices'][number];

export const seedFileUrl = new URL('./seed.json', import.meta.url);

/** Reads and validates bot/sim-tenant/seed.json. Throws with the failing paths when the file does not match the schema. */
export function loadSeed(): Seed {
  const text = readFileSync(seedFileUrl, 'utf8');
  const parsed = seedSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid simulated tenant seed ${seedFileUrl.pathname}:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
