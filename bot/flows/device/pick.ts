import type { AdaptiveCard } from '../../../cards/types.js';
import { AppError } from '../../errors.js';
import { graphErrorToAppError } from '../../graph/describe-graph-error.js';
import { assessEligibility } from '../../policy/eligibility.js';
import { DEVICE_QUOTA } from '../../policy/limits.js';
import type { FlowDeps, Turn } from '../turn.js';
import { parseCardData } from '../card-data.js';
import { pickData } from './card-data.js';
import { composeCardFor } from './compose.js';
import type { DeviceDraftPayload } from './draft.js';

/** Handles a device picked from the search results: checks it afresh and opens the compose card. */
export async function pickDevice(deps: FlowDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { searchId, deviceId } = parseCardData(pickData, data, 'device');

  const search = await deps.store.getDeviceSearch(searchId);
  if (search && deps.now().getTime() - search.createdAt.getTime() > deps.draftIdleMs) {
    throw new AppError('draft_expired', 'These search results are out of date, so the device was not opened. Search again with "notify device".', {
      details: { searchId },
    });
  }
  if (!search || search.ownerAadObjectId !== turn.caller.aadObjectId || !search.deviceIds.includes(deviceId)) {
    throw new AppError('invalid_input', 'That device was not in your search results, so it can\'t be notified from this card. Search again with "notify device".', {
      details: { searchId, deviceId },
    });
  }

  const device = await deps.intune.getDevice(deviceId).catch((error: unknown) => {
    throw graphErrorToAppError(error, 'getDevice');
  });
  const eligibility = assessEligibility(device);
  if (!eligibility.eligible) {
    throw new AppError('device_not_eligible', eligibility.reason, { details: { deviceId, platform: eligibility.platform } });
  }
  await deps.authorizer.authorize(turn.caller, { kind: 'notifyDevice', device });

  const payload: DeviceDraftPayload = {
    device: {
      id: device.id,
      name: device.deviceName || '(no name)',
      user: device.userPrincipalName || device.userDisplayName,
      platform: eligibility.platform,
      android: eligibility.platform.startsWith('Android'),
    },
    title: '',
    body: '',
  };
  const draft = await deps.store.createDraft({
    id: deps.newId(),
    kind: 'device',
    tenantId: turn.tenantId,
    ownerAadObjectId: turn.caller.aadObjectId,
    payload,
    now: deps.now(),
  });
  turn.log.info({ draftId: draft.id, deviceId }, 'device draft opened');

  const usage = await deps.store.deviceQuotaUsage(turn.tenantId, deviceId, DEVICE_QUOTA, deps.now());
  return composeCardFor(draft.id, payload, usage);
}

