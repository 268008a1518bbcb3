import { z } from 'zod';
import type { GraphClient } from '../../graph/client.js';
import type { CallerDirectory } from './effective-permissions.js';
import { directoryObjectSchema, type DirectoryObjectResource } from './graph-schemas.js';

const groupType = '#microsoft.graph.group';

// Intune reports this azureADDeviceId for devices without an Entra device object.
const unregisteredDeviceId = '00000000-0000-0000-0000-000000000000';

const managedDeviceLinkSchema = z.object({ azureADDeviceId: z.string().nullish() });
const entraDeviceSchema = z.object({ id: z.string().min(1) });
const directoryRoleType = '#microsoft.graph.directoryRole';

/**
 * Reads a user's groups and directory roles, direct and inherited through nested groups, from
 * GET /v1.0/users/{id}/transitiveMemberOf, following every page. Administrative units are ignored.
 * Needs GroupMember.Read.All (groups) and RoleManagement.Read.Directory (directory roles) as application permissions.
 */
export async function readUserDirectory(graph: GraphClient, userId: string): Promise<CallerDirectory> {
  const path = `/users/${encodeURIComponent(userId)}/transitiveMemberOf?$select=id,roleTemplateId`;
  const { items } = await graph.getAllPages(path, directoryObjectSchema, { version: 'v1.0' });

  return {
    userId: userId.toLowerCase(),
    groupIds: collectIds(items, groupType),
    directoryRoleTemplateIds: collectRoleTemplateIds(items),
  };
}

/**
 * Reads the groups the Entra device object of an Intune managed device belongs to, directly or through
 * nested groups. Intune links the two through managedDevice.azureADDeviceId, which is the Entra
 * device's `deviceId` (not its object id). A device that is not registered in Entra ID belongs to no group.
 * Needs DeviceManagementManagedDevices.Read.All, Device.Read.All and GroupMember.Read.All.
 */
export async function readManagedDeviceGroupIds(graph: GraphClient, managedDeviceId: string): Promise<Set<string>> {
  const devicePath = `/deviceManagement/managedDevices/${encodeURIComponent(managedDeviceId)}?$select=id,azureADDeviceId`;
  const { value: managedDevice } = await graph.get(devicePath, managedDeviceLinkSchema, { version: 'beta' });
  const entraDeviceId = managedDevice.azureADDeviceId?.toLowerCase() ?? '';
  if (entraDeviceId === '' || entraDeviceId === unregisteredDeviceId) {
    return new Set();
  }

  const filter = encodeURIComponent(`deviceId eq '${entraDeviceId.replace(/'/g, "''")}'`);
  const { items: entraDevices } = await graph.getAllPages(`/devices?$filter=${filter}&$select=id`, entraDeviceSchema, { version: 'v1.0' });
  const groupIds = new Set<string>();
  for (const entraDevice of entraDevices) {
    const path = `/devices/${encodeURIComponent(entraDevice.id)}/transitiveMemberOf?$select=id`;
    const { items } = await graph.getAllPages(path, directoryObjectSchema, { version: 'v1.0' });
    collectIds(items, groupType).forEach((id) => groupIds.add(id));
  }
  return groupIds;
}

function collectIds(items: DirectoryObjectResource[], odataType: string): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    if (item['@odata.type'] === odataType) {
      ids.add(item.id.toLowerCase());
    }
  }
  return ids;
}

function collectRoleTemplateIds(items: DirectoryObjectResource[]): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    if (item['@odata.type'] === directoryRoleType && item.roleTemplateId) {
      ids.add(item.roleTemplateId.toLowerCase());
    }
  }
  return ids;
}
