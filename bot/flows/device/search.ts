import { deviceResultsCard } from '../../../cards/device-results.js';
import { deviceSearchCard } from '../../../cards/device-search.js';
import { noticeCard } from '../../../cards/notice.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { AppError } from '../../errors.js';
import { graphErrorToAppError } from '../../graph/describe-graph-error.js';
import type { ManagedDevice } from '../../intune/managed-device.js';
import { assessEligibility } from '../../policy/eligibility.js';
import { mapWithConcurrency } from '../map-concurrent.js';
import type { FlowDeps, Turn } from '../turn.js';

const maxQueryLength = 100;

// Scope checks of a scoped caller read group memberships from Graph; a few at a time keeps the search quick without a burst.
const scopeCheckConcurrency = 4;

/** `notify device [query]` and the Search button: finds devices by name, primary user UPN or serial number. */
export async function searchDevices(deps: FlowDeps, turn: Turn, rawQuery: string): Promise<AdaptiveCard> {
  const capabilities = await deps.authorizer.capabilities(turn.caller);
  if (!capabilities.notifyDevice.allowed) {
    return noticeCard({ title: 'You can\'t notify devices', text: capabilities.notifyDevice.reason, tone: 'attention' });
  }

  const query = rawQuery.trim();
  if (query === '') {
    return deviceSearchCard({ query: '' });
  }
  if (query.length > maxQueryLength) {
    return deviceSearchCard({ query, error: `The search text is ${query.length} characters long; use at most ${maxQueryLength}.` });
  }

  const result = await deps.intune.searchDevices(query).catch((error: unknown) => {
    throw graphErrorToAppError(error, 'searchDevices');
  });
  const searchId = deps.newId();
  await deps.store.saveDeviceSearch({
    id: searchId,
    ownerAadObjectId: turn.caller.aadObjectId,
    query,
    deviceIds: result.devices.map((device) => device.id),
    createdAt: deps.now(),
  });
  turn.log.info({ matches: result.devices.length, truncated: result.truncated }, 'device search finished');

  const rows = await mapWithConcurrency(result.devices, scopeCheckConcurrency, (device) => describeDevice(deps, turn, device));
  return deviceResultsCard({ query, searchId, truncated: result.truncated, devices: rows });
}

/** Builds a result row, eligible only when Intune can deliver to the device and the caller's role scope covers it. */
async function describeDevice(deps: FlowDeps, turn: Turn, device: ManagedDevice) {
  const eligibility = assessEligibility(device);
  const row = {
    id: device.id,
    name: device.deviceName || '(no name)',
    user: device.userPrincipalName || device.userDisplayName || 'No primary user',
    platform: eligibility.platform,
    lastSync: device.lastSyncDateTime,
  };
  if (!eligibility.eligible) {
    return { ...row, eligible: false, reason: eligibility.reason };
  }

  try {
    await deps.authorizer.authorize(turn.caller, { kind: 'notifyDevice', device });
    return { ...row, eligible: true };
  } catch (error) {
    // Out of the caller's scope: listed with the reason. A check that could not run fails the search.
    if (error instanceof AppError && error.code === 'forbidden') {
      return { ...row, eligible: false, reason: error.userMessage };
    }
    throw error;
  }
}
