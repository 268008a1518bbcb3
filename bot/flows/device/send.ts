import { randomUUID } from 'node:crypto';
import { deviceOutcomeCard } from '../../../cards/device-outcome.js';
import { deviceSendingCard } from '../../../cards/device-sending.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { AppError, describeError } from '../../errors.js';
import { graphErrorToAppError } from '../../graph/describe-graph-error.js';
import { assessEligibility } from '../../policy/eligibility.js';
import { DEVICE_QUOTA } from '../../policy/limits.js';
import { validateNotificationText } from '../../policy/notification-text.js';
import type { FlowDeps, Turn } from '../turn.js';
import { parseCardData } from '../card-data.js';
import { sendData } from './card-data.js';
import { formatTime } from '../format-time.js';
import { composeCardFor } from './compose.js';
import { loadDeviceDraft, type DeviceDraft, type DeviceDraftPayload } from './draft.js';
import { recordSendFailure } from '../attempts.js';
import { answerWithin, type Delivery } from '../deliver-later.js';
import { cardAfterLostRace } from '../settle.js';
import { otherClickMessage } from '../drafts.js';
import { stateCardFor } from './state-card.js';

/**
 * Handles the Send button: validates and saves the typed text, then delivers. The invoke response
 * goes out within sendAnswerDeadlineMs. When Graph is slower, the user gets a "Sending…" card at once,
 * and the card is replaced and a message posted when the send ends.
 */
export async function sendToDevice(deps: FlowDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(sendData, data, 'device');
  const loaded = await loadDeviceDraft(deps, turn, input.draftId);
  if (loaded.draft.state !== 'open') {
    return cardAfterOtherClick(deps, turn, input.draftId);
  }

  const text = validateNotificationText(input.title, input.body);
  const payload = { ...loaded.payload, title: text.title, body: text.body };
  const saved = await deps.store.updateDraftPayload(loaded.draft.id, loaded.draft.version, payload, deps.now());
  if (!saved) {
    return cardAfterOtherClick(deps, turn, input.draftId);
  }
  const draft: DeviceDraft = { draft: saved, payload };

  if (!text.ok) {
    turn.log.info({ draftId: saved.id, invalid: Object.keys(text.errors) }, 'notification text rejected');
    const usage = await deps.store.deviceQuotaUsage(turn.tenantId, payload.device.id, DEVICE_QUOTA, deps.now());
    return composeCardFor(saved.id, payload, usage, text.errors);
  }

  return answerWithin(deps, turn, deliver(deps, turn, draft), () => deviceSendingCard({ device: targetOf(payload), title: payload.title, body: payload.body }));
}

/** Checks, reserves the quota slot, calls Graph and records the outcome. Failures come back as a card, not as a rejected promise. */
async function deliver(deps: FlowDeps, turn: Turn, draft: DeviceDraft): Promise<Delivery> {
  try {
    return await checkAndSend(deps, turn, draft);
  } catch (error) {
    const described = describeError(error);
    turn.log[described.logLevel]({ err: described.code === 'internal' ? error : undefined, code: described.code, ...described.details }, 'device send refused');
    const usage = await deps.store.deviceQuotaUsage(turn.tenantId, draft.payload.device.id, DEVICE_QUOTA, deps.now());
    return {
      card: composeCardFor(draft.draft.id, draft.payload, usage, { form: described.userMessage }),
      summary: `Not sent to ${draft.payload.device.name}: ${described.userMessage}`,
    };
  }
}

async function checkAndSend(deps: FlowDeps, turn: Turn, { draft, payload }: DeviceDraft): Promise<Delivery> {
  const target = targetOf(payload);

  const device = await deps.intune.getDevice(payload.device.id).catch((error: unknown) => {
    throw graphErrorToAppError(error, 'getDevice');
  });
  const eligibility = assessEligibility(device);
  if (!eligibility.eligible) {
    throw new AppError('device_not_eligible', eligibility.reason, { details: { deviceId: device.id } });
  }
  await deps.authorizer.authorize(turn.caller, { kind: 'notifyDevice', device }, { fresh: true });

  const attemptId = randomUUID();
  const reservation = await deps.store.reserveDeviceSend({
    draftId: draft.id,
    // A click that saved other text after this one makes this reservation fail, so what is sent is what the draft shows.
    expectedVersion: draft.version,
    deviceId: device.id,
    quota: DEVICE_QUOTA,
    now: deps.now(),
    attempt: {
      id: attemptId,
      draftId: draft.id,
      kind: 'device',
      tenantId: turn.tenantId,
      requestedBy: turn.caller.aadObjectId,
      requestedByName: turn.caller.name,
      title: payload.title,
      body: payload.body,
      targetIds: [device.id],
      targetNames: [payload.device.name],
    },
  });
  if (!reservation.ok && reservation.reason === 'quota') {
    const next = reservation.usage.nextSlotAt ? formatTime(reservation.usage.nextSlotAt) : 'within the hour';
    throw new AppError('quota_exceeded', `${payload.device.name} has received ${reservation.usage.used} custom notifications in the last hour, Intune's limit of ${reservation.usage.limit} per device. Nothing was sent. The next one can be sent at ${next}.`, {
      details: { deviceId: device.id, nextSlotAt: reservation.usage.nextSlotAt?.toISOString() },
    });
  }
  if (!reservation.ok) {
    turn.log.info({ draftId: draft.id, reason: reservation.reason }, 'another click handled this draft');
    return { card: await cardAfterOtherClick(deps, turn, draft.id), summary: `${payload.device.name}: this notification was handled by another click.` };
  }
  turn.log.info({ attemptId, draftId: draft.id, deviceId: device.id }, 'device send recorded, calling Graph');

  try {
    const receipt = await deps.intune.sendDeviceNotification(device.id, { title: payload.title, body: payload.body });
    const at = deps.now();
    await deps.store.finishAttempt({ attemptId, outcome: 'sent', draftState: 'sent', now: at, graphStatus: 204, graphRequestId: receipt.requestId });
    turn.log.info({ attemptId, deviceId: device.id, requestId: receipt.requestId }, 'device notification sent');
    return {
      card: deviceOutcomeCard({ outcome: 'sent', device: target, title: payload.title, body: payload.body, at: formatTime(at), requestId: receipt.requestId }),
      summary: `Sent to ${payload.device.name} (${payload.device.user}).`,
    };
  } catch (error) {
    const failure = await recordSendFailure(deps, attemptId, error, 'sendDeviceNotification');
    if (!failure.outcomeUnknown) {
      throw failure.error;
    }
    turn.log.error({ attemptId, deviceId: payload.device.id }, 'device send outcome unknown');
    return {
      card: deviceOutcomeCard({ outcome: 'unknown', device: target, title: payload.title, body: payload.body, at: formatTime(failure.at), message: failure.error.userMessage }),
      summary: `Outcome unknown for ${payload.device.name}: ${failure.error.userMessage}`,
    };
  }
}

/**
 * Builds the card for a click that lost the draft to another click: the other click's outcome once
 * it settles, or the compose card again if nothing was sent.
 */
function cardAfterOtherClick(deps: FlowDeps, turn: Turn, draftId: string): Promise<AdaptiveCard> {
  return cardAfterLostRace(deps, turn, () => loadDeviceDraft(deps, turn, draftId), async (current) => {
    if (current.draft.state !== 'open') {
      return stateCardFor(current);
    }
    const usage = await deps.store.deviceQuotaUsage(turn.tenantId, current.payload.device.id, DEVICE_QUOTA, deps.now());
    return composeCardFor(current.draft.id, current.payload, usage, { form: otherClickMessage });
  });
}

function targetOf(payload: DeviceDraftPayload) {
  return { name: payload.device.name, user: payload.device.user, platform: payload.device.platform };
}
