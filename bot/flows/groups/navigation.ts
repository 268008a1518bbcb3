import { cancelledCard } from '../../../cards/cancelled.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import type { FlowDeps, Turn } from '../turn.js';
import { parseCardData } from '../card-data.js';
import { backData, draftOnly } from './card-data.js';
import { groupStateCard } from './state-card.js';
import { loadGroupDraft } from './draft.js';
import { showReview } from './review.js';
import { groupStep } from './step.js';
import { assignmentsCardFor, basicsCardFor } from './step-cards.js';

/** Back: the earlier step, with everything typed and selected kept. */
export const goBack = groupStep(backData, async (deps, turn, input, current) => {
  const { draft, payload } = current;
  return input.step === 'basics' ? basicsCardFor(draft.id, payload) : assignmentsCardFor(draft.id, payload);
});

/** "Edit and retry" after a failed send: the review again, with the draft as it was. */
export const reopenReview = groupStep(draftOnly, async (deps, turn, input, current) => {
  return showReview(deps, current);
});

/** Cancel: closes the draft so a late Create can't send it. No permission is needed to give up. */
export async function cancelGroupDraft(deps: FlowDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(draftOnly, data, 'group');
  const loaded = await loadGroupDraft(deps, turn, input.draftId);

  const cancelled = await deps.store.setDraftState(loaded.draft.id, 'open', 'cancelled', deps.now());
  if (!cancelled) {
    return groupStateCard(await loadGroupDraft(deps, turn, input.draftId));
  }
  turn.log.info({ draftId: loaded.draft.id }, 'group draft cancelled');
  return cancelledCard({ what: 'The group notification' });
}
