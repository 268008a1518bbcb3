import type { z } from 'zod';
import { AppError } from '../errors.js';
import type { Draft, DraftKind } from '../storage/store.js';
import type { FlowDeps, Turn } from './turn.js';

export const otherClickMessage = 'Another click on this card changed the draft at the same moment, so this click sent nothing. Check the text and press the button again.';

export interface LoadedDraft<T> {
  draft: Draft;
  payload: T;
}

export const startAgain: Record<DraftKind, string> = {
  device: 'Start again with "notify device".',
  group: 'Start again with "notify groups".',
};

/**
 * Loads a draft the caller owns, or throws the rejection the user should read. A draft that is
 * missing, of another kind or tenant, or open but idle longer than draftIdleMs has expired. A draft
 * of another user is forbidden.
 */
export async function loadOwnedDraft<T>(deps: FlowDeps, turn: Turn, draftId: string, kind: DraftKind, schema: z.ZodType<T, z.ZodTypeDef, unknown>): Promise<LoadedDraft<T>> {
  const draft = await deps.store.getDraft(draftId);
  if (!draft || draft.kind !== kind || draft.tenantId !== turn.tenantId) {
    throw new AppError('draft_expired', `This notification draft no longer exists, so nothing was sent. ${startAgain[kind]}`, { details: { draftId } });
  }
  if (draft.ownerAadObjectId !== turn.caller.aadObjectId) {
    throw new AppError('forbidden', `This card belongs to another user, so you can't use it. ${startAgain[kind]}`, {
      details: { draftId, draftOwner: draft.ownerAadObjectId },
    });
  }

  const idleMs = deps.now().getTime() - draft.updatedAt.getTime();
  if (draft.state === 'open' && idleMs > deps.draftIdleMs) {
    const minutes = Math.round(deps.draftIdleMs / 60_000);
    throw new AppError('draft_expired', `This draft expired after ${minutes} minutes without changes, so nothing was sent. ${startAgain[kind]}`, {
      details: { draftId, idleMs },
    });
  }

  const payload = schema.safeParse(draft.payload);
  if (!payload.success) {
    throw new AppError('internal', `This notification draft is damaged, so nothing was sent. ${startAgain[kind]}`, { details: { draftId } });
  }
  return { draft, payload: payload.data };
}
