import { randomUUID } from 'node:crypto';
import { groupOutcomeCard } from '../../../cards/group-outcome.js';
import { groupSendingCard } from '../../../cards/group-sending.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { AppError, describeError } from '../../errors.js';
import { GROUP_QUOTA } from '../../policy/limits.js';
import { recordSendFailure } from '../attempts.js';
import { answerWithin, type Delivery } from '../deliver-later.js';
import { formatTime } from '../format-time.js';
import type { FlowDeps, Turn } from '../turn.js';
import { draftOnly } from './card-data.js';
import { loadGroupDraft, type GroupDraft } from './draft.js';
import { approvalsNotAvailable } from './approvals.js';
import { buildReviewCard, showReview } from './review.js';
import { groupCardAfterOtherClick, groupStep } from './step.js';
import { cardForInvalidDraft } from './step-cards.js';

/**
 * Review + Create > Create: checks the whole draft and the caller's permission afresh, takes a slot
 * of the tenant's hourly quota and sends to exactly the selected groups, once.
 */
export const createGroupNotification = groupStep(draftOnly, async (deps, turn, input, current) => {
  const { draft, payload } = current;

  const invalid = cardForInvalidDraft(draft.id, payload);
  if (invalid) {
    return invalid;
  }
  if (deps.approvalsRequired) {
    throw approvalsNotAvailable();
  }
  if (!payload.reviewed) {
    return showReview(deps, current, 'Check the notification below, then press Create. Nothing was sent yet.');
  }

  const groups = payload.groups.map((group) => ({ name: group.name }));
  return answerWithin(deps, turn, deliver(deps, turn, current), () => groupSendingCard({ title: payload.title, body: payload.body, groups }));
});

async function deliver(deps: FlowDeps, turn: Turn, draft: GroupDraft): Promise<Delivery> {
  try {
    return await checkAndSend(deps, turn, draft);
  } catch (error) {
    const described = describeError(error);
    turn.log[described.logLevel]({ err: described.code === 'internal' ? error : undefined, code: described.code, ...described.details }, 'group send refused');
    return {
      card: await reviewWithError(deps, draft, described.userMessage),
      summary: `The group notification was not sent: ${described.userMessage}`,
    };
  }
}

async function checkAndSend(deps: FlowDeps, turn: Turn, { draft, payload }: GroupDraft): Promise<Delivery> {
  await deps.authorizer.authorize(turn.caller, { kind: 'notifyGroups' }, { fresh: true });

  const attemptId = randomUUID();
  const groupIds = payload.groups.map((group) => group.id);
  const reservation = await deps.store.reserveGroupSend({
    draftId: draft.id,
    // A Remove or Add that lands after the review makes this fail, so only the reviewed groups are sent to.
    expectedVersion: draft.version,
    quota: GROUP_QUOTA,
    now: deps.now(),
    attempt: {
      id: attemptId,
      draftId: draft.id,
      kind: 'group',
      tenantId: turn.tenantId,
      requestedBy: turn.caller.aadObjectId,
      requestedByName: turn.caller.name,
      title: payload.title,
      body: payload.body,
      targetIds: groupIds,
      targetNames: payload.groups.map((group) => group.name),
    },
  });
  if (!reservation.ok && reservation.reason === 'quota') {
    const next = reservation.usage.nextSlotAt ? formatTime(reservation.usage.nextSlotAt) : 'within the hour';
    throw new AppError('quota_exceeded', `This tenant has sent ${reservation.usage.used} group notifications in the last hour, Intune's limit of ${reservation.usage.limit}. Nothing was sent. The next one can be sent at ${next}.`, {
      details: { nextSlotAt: reservation.usage.nextSlotAt?.toISOString() },
    });
  }
  if (!reservation.ok && reservation.reason === 'draft_changed') {
    turn.log.info({ draftId: draft.id }, 'group draft changed after its review, not sent');
    const changed = await loadGroupDraft(deps, turn, draft.id);
    return {
      card: await showReview(deps, changed, 'The draft changed after you reviewed it, so nothing was sent. Check it again, then press Create.'),
      summary: 'The group notification was not sent: it changed after the review.',
    };
  }
  if (!reservation.ok) {
    turn.log.info({ draftId: draft.id, reason: reservation.reason }, 'another click handled this draft');
    return { card: await groupCardAfterOtherClick(deps, turn, draft.id), summary: 'This group notification was handled by another click.' };
  }
  turn.log.info({ attemptId, draftId: draft.id, groupCount: groupIds.length }, 'group send recorded, calling Graph');

  const groups = payload.groups.map((group) => ({ name: group.name }));
  try {
    const receipt = await deps.intune.sendGroupNotification(groupIds, { title: payload.title, body: payload.body });
    const at = deps.now();
    await deps.store.finishAttempt({ attemptId, outcome: 'sent', draftState: 'sent', now: at, graphStatus: 204, graphRequestId: receipt.requestId });
    turn.log.info({ attemptId, groupCount: groupIds.length, requestId: receipt.requestId }, 'group notification sent');
    return {
      card: groupOutcomeCard({ outcome: 'sent', title: payload.title, body: payload.body, groups, at: formatTime(at), requestId: receipt.requestId }),
      summary: `Sent to ${groupIds.length} group${groupIds.length === 1 ? '' : 's'}: ${payload.groups.map((group) => group.name).join(', ')}.`,
    };
  } catch (error) {
    const failure = await recordSendFailure(deps, attemptId, error, 'sendGroupNotification');
    if (!failure.outcomeUnknown) {
      throw failure.error;
    }
    turn.log.error({ attemptId }, 'group send outcome unknown');
    return {
      card: groupOutcomeCard({ outcome: 'unknown', title: payload.title, body: payload.body, groups, at: formatTime(failure.at), message: failure.error.userMessage }),
      summary: `Outcome unknown for the group notification: ${failure.error.userMessage}`,
    };
  }
}

/** Builds the review card with the failure on top, so the user can press Create again, or an outcome card when the review can't be built. */
async function reviewWithError(deps: FlowDeps, draft: GroupDraft, message: string): Promise<AdaptiveCard> {
  try {
    return await buildReviewCard(deps, draft, message);
  } catch {
    return groupOutcomeCard({
      outcome: 'failed',
      title: draft.payload.title,
      body: draft.payload.body,
      groups: draft.payload.groups.map((group) => ({ name: group.name })),
      at: formatTime(deps.now()),
      message,
      draftId: draft.draft.id,
    });
  }
}
