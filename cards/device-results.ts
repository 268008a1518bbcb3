import { renderCard } from './render.js';
import { literal, optionalText, type AdaptiveCard } from './types.js';

export interface DeviceResult {
  id: string;
  name: string;
  user: string;
  platform: string;
  /** Last check-in time, already formatted for display. */
  lastSync: string;
  eligible: boolean;
  /** Reason the device can't receive custom notifications, shown only when `eligible` is false. */
  reason?: string;
}

export interface DeviceResultsCardData {
  query: string;
  /** Server-side id of this search, echoed back by `device.pick` so the bot can check the pick. */
  searchId: string;
  devices: DeviceResult[];
  /** True when the search matched more devices than the card lists. */
  truncated: boolean;
  message?: string;
}

const defaultIneligibleReason = "This device can't receive custom notifications.";

/**
 * Builds the device picker. Each eligible device gets a `Notify` button (verb `device.pick`).
 * An ineligible device shows its reason and gets no button, so it can't be picked from this card.
 */
export function deviceResultsCard(data: DeviceResultsCardData): AdaptiveCard {
  const devices = data.devices.map((device) => ({
    id: device.id,
    name: device.name === '' ? '(unnamed device)' : literal(device.name),
    user: device.user === '' ? '(no primary user)' : literal(device.user),
    platform: device.platform === '' ? 'Unknown platform' : literal(device.platform),
    lastSync: device.lastSync === '' ? 'unknown' : literal(device.lastSync),
    eligible: device.eligible,
    ineligible: !device.eligible,
    reason: device.reason === undefined || device.reason === '' ? defaultIneligibleReason : literal(device.reason),
  }));

  return renderCard('device-results', {
    query: data.query,
    queryText: literal(data.query),
    searchId: data.searchId,
    devices,
    truncated: data.truncated,
    shownCount: devices.length,
    empty: devices.length === 0,
    message: optionalText(data.message),
  });
}
