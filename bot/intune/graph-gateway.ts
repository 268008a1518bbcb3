import { AppError } from '../errors.js';
import type { GraphClient } from '../graph/client.js';
import type { DeviceSearchResult, IntuneGateway, NotificationText, SendReceipt } from './gateway.js';
import { managedDeviceSchema, managedDeviceSelect, type ManagedDevice } from './managed-device.js';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The managedDevices fields a search matches. Each is queried on its own because Graph returns only
// the first clause's rows for an `or` of two startswith filters.
const searchFields = ['deviceName', 'userPrincipalName', 'serialNumber'] as const;
type SearchField = (typeof searchFields)[number];

// Graph's startswith on managedDevices behaves like contains, so a common substring can return
// many rows that fail the prefix re-check. This bounds the pages read per field (1000 rows each on Graph).
const maxPagesPerField = 20;

export interface GraphIntuneGatewayOptions {
  /** Devices returned by one search. Default 50. */
  maxResults?: number;
}

/** Implements IntuneGateway with Graph beta calls (the custom-notification actions exist only in beta). */
export function createGraphIntuneGateway(graph: GraphClient, options: GraphIntuneGatewayOptions = {}): IntuneGateway {
  const maxResults = options.maxResults ?? 50;

  async function searchDevices(query: string): Promise<DeviceSearchResult> {
    const prefix = query.trim();
    if (prefix === '') {
      return { devices: [], truncated: false };
    }

    // Each field stops after maxResults + 1 matches, because one more than shown proves the list is cut.
    const search = { failed: false };
    const perField = await Promise.all(
      searchFields.map((field) =>
        searchField(field, prefix, maxResults + 1, search).catch((error: unknown) => {
          // The other fields stop paging at their next page instead of running on after the search failed.
          search.failed = true;
          throw error;
        }),
      ),
    );
    const byId = new Map<string, ManagedDevice>();
    let incomplete = false;
    for (const result of perField) {
      incomplete ||= result.incomplete;
      for (const device of result.devices) {
        byId.set(device.id, device);
      }
    }

    const devices = [...byId.values()].sort(compareByName);
    return { devices: devices.slice(0, maxResults), truncated: incomplete || devices.length > maxResults };
  }

  async function searchField(field: SearchField, prefix: string, matchLimit: number, search: { failed: boolean }): Promise<{ devices: ManagedDevice[]; incomplete: boolean }> {
    const filter = `startswith(${field},'${prefix.replaceAll("'", "''")}')`;
    const path = `/deviceManagement/managedDevices?$filter=${encodeURIComponent(filter)}&$select=${managedDeviceSelect}`;
    const lowerPrefix = prefix.toLowerCase();
    const devices: ManagedDevice[] = [];

    let pagesRead = 0;
    for await (const page of graph.pages(path, managedDeviceSchema, { version: 'beta', invalidItems: 'skip' })) {
      pagesRead += 1;
      if (search.failed) {
        return { devices, incomplete: true };
      }
      for (const device of page.items) {
        if (device[field].toLowerCase().startsWith(lowerPrefix)) {
          devices.push(device);
        }
      }
      if (devices.length >= matchLimit) {
        return { devices, incomplete: false };
      }
      if (page.hasNextPage && pagesRead >= maxPagesPerField) {
        return { devices, incomplete: true };
      }
    }
    return { devices, incomplete: false };
  }

  async function getDevice(deviceId: string): Promise<ManagedDevice> {
    assertDeviceId(deviceId);
    const path = `/deviceManagement/managedDevices/${encodeURIComponent(deviceId)}?$select=${managedDeviceSelect}`;
    const { value } = await graph.get(path, managedDeviceSchema, { version: 'beta' });
    return value;
  }

  async function sendDeviceNotification(deviceId: string, text: NotificationText): Promise<SendReceipt> {
    assertDeviceId(deviceId);
    const path = `/deviceManagement/managedDevices/${encodeURIComponent(deviceId)}/sendCustomNotificationToCompanyPortal`;
    // Title and body go out exactly as the user confirmed them, without trimming or normalisation.
    const { requestId } = await graph.post(path, { notificationTitle: text.title, notificationBody: text.body }, { version: 'beta' });
    return { requestId };
  }

  async function sendGroupNotification(groupIds: string[], text: NotificationText): Promise<SendReceipt> {
    assertGroupIds(groupIds);
    const body = { notificationTitle: text.title, notificationBody: text.body, groupsToNotify: groupIds };
    const { requestId } = await graph.post('/deviceManagement/sendCustomNotificationToCompanyPortal', body, { version: 'beta' });
    return { requestId };
  }

  return { searchDevices, getDevice, sendDeviceNotification, sendGroupNotification };
}

function compareByName(a: ManagedDevice, b: ManagedDevice): number {
  const byName = a.deviceName.localeCompare(b.deviceName, 'en', { sensitivity: 'base', numeric: true });
  return byName !== 0 ? byName : a.id.localeCompare(b.id);
}

// Ids arrive from card data, which a client can forge, so only a GUID goes into a Graph URL.
function assertDeviceId(deviceId: string): void {
  if (!guidPattern.test(deviceId)) {
    throw new AppError('invalid_input', 'That device id is not a valid Intune device id. Search for the device again.', {
      details: { deviceId: deviceId.slice(0, 100) },
    });
  }
}

function assertGroupIds(groupIds: string[]): void {
  if (groupIds.length === 0) {
    throw new AppError('invalid_input', 'No groups were chosen, so nothing was sent. Choose at least one group.');
  }
  const invalid = groupIds.find((groupId) => !guidPattern.test(groupId));
  if (invalid !== undefined) {
    throw new AppError('invalid_input', 'One of the chosen groups has an invalid Entra group id, so nothing was sent. Choose the groups again.', {
      details: { groupId: invalid.slice(0, 100) },
    });
  }
}
