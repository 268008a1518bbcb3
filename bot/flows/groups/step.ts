import type { z } from 'zod';
import type { AdaptiveCard } from '../../../cards/types.js';
import { AppError } from '../../errors.js';
import type { FlowDeps, Turn } from '../turn.js';
import { otherClickMessage } from '../drafts.js';
import { cardAfterLostRace } from '../settle.js';
import { parseCardData } from '../card-data.js';
import { showReview } from './review.js';
import { loadGroupDraft, type GroupDraft, type GroupDraftPayload } from './draft.js';
import { groupStateCard } from './state-card.js';

export type StepStart = { ok: true; draft: GroupDraft } | { ok: false; card: AdaptiveCard };

/**
 * Runs at the start of every wizard step: loads the caller's draft and checks again that they may
 * send to groups. A draft that is no longer open shows its state instead of changing.
 */
export async function startStep(deps: FlowDeps, turn: Turn, draftId: string): Promise<StepStart> {
  const draft = await loadGroupDraft(deps, turn, draftId);
  if (draft.draft.state !== 'open') {
    return { ok: false, card: await groupCardAfterOtherClick(deps, turn, draftId) };
  }

  await deps.authorizer.authorize(turn.caller, { kind: 'notifyGroups' });
  return { ok: true, draft };
}

/**
 * Saves the new payload; a concurrent click that changed the draft first wins. Every change clears
 * `reviewed`, except the save that records the review itself.
 */
export async function saveDraft(deps: FlowDeps, draft: GroupDraft, changed: GroupDraftPayload, options: { reviewed?: boolean } = {}): Promise<GroupDraft> {
  const payload = { ...changed, reviewed: options.reviewed ?? false };
  const saved = await deps.store.updateDraftPayload(draft.draft.id, draft.draft.version, payload, deps.now());
  if (!saved) {
    throw new AppError('already_handled', 'This draft was changed by another click at the same moment, so this one was ignored. Use the newest card.', {
      details: { draftId: draft.draft.id },
    });
  }
  return { draft: saved, payload };
}

type StepHandler<Input> = (deps: FlowDeps, turn: Turn, input: Input, draft: GroupDraft) => Promise<AdaptiveCard>;

/** Wraps a wizard step: parses its card data, then runs it on the caller's open draft. */
export function groupStep<Schema extends z.ZodType<{ draftId: string }, z.ZodTypeDef, unknown>>(schema: Schema, handler: StepHandler<z.infer<Schema>>) {
  return async (deps: FlowDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> => {
    const input = parseCardData(schema, data, 'group');
    const step = await startStep(deps, turn, input.draftId);
    if (!step.ok) {
      return step.card;
    }
    return handler(deps, turn, input, step.draft);
  };
}

/**
 * Builds the card for a click that lost the draft to another click: the other click's outcome once
 * it settles, or the review again if nothing was sent.
 */
export function groupCardAfterOtherClick(deps: FlowDeps, turn: Turn, draftId: string): Promise<AdaptiveCard> {
  return cardAfterLostRace(deps, turn, () => loadGroupDraft(deps, turn, draftId), (current) =>
    current.draft.state === 'open' ? showReview(deps, current, otherClickMessage) : groupStateCard(current),
  );
}
