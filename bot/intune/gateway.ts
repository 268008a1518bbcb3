import type { ManagedDevice } from './managed-device.js';

export interface NotificationText {
  title: string;
  body: string;
}

export interface DeviceSearchResult {
  /** Devices whose name, primary user UPN or serial number starts with the query (case-insensitive), sorted by name. */
  devices: ManagedDevice[];
  /** True when more devices matched than the search returns. */
  truncated: boolean;
}

export interface SendReceipt {
  /** Graph's request-id response header, for support cases. */
  requestId?: string;
}

/**
 * Intune operations the flows use, through Microsoft Graph. Implementations throw GraphRequestError
 * (bot/graph/graph-error.ts) for Graph failures, after the bounded retries of 429/503/504.
 */
export interface IntuneGateway {
  searchDevices(query: string): Promise<DeviceSearchResult>;
  getDevice(deviceId: string): Promise<ManagedDevice>;
  sendDeviceNotification(deviceId: string, text: NotificationText): Promise<SendReceipt>;
  sendGroupNotification(groupIds: string[], text: NotificationText): Promise<SendReceipt>;
}
