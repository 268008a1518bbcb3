import { deviceResultsCard } from '../../../cards/device-results.js';
import { deviceSearchCard } from '../../../cards/device-search.js';
import { noticeCard } from '../../../cards/notice.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { graphErrorToAppError } from '../../graph/describe-graph-error.js';
import { assessEligibility } from '../../policy/eligibility.js';
import type { FlowDeps, Turn } from '../turn.js';

const maxQueryLength = 100;

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

  return deviceResultsCard({
    query,
    searchId,
    truncated: result.truncated,
    devices: result.devices.map((device) => {
      const eligibility = assessEligibility(device);
      return {
        id: device.id,
        name: device.deviceName || '(no name)',
        user: device.userPrincipalName || device.userDisplayName || 'No primary user',
        platform: eligibility.platform,
        lastSync: device.lastSyncDateTime,
        eligible: eligibility.eligible,
        reason: eligibility.eligible ? undefined : eligibility.reason,
      };
    }),
  });
}
