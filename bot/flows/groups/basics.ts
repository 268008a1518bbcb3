import type { AdaptiveCard } from '../../../cards/types.js';
import { validateNotificationText } from '../../policy/notification-text.js';
import type { FlowDeps, Turn } from '../turn.js';
import { basicsData, parseGroupCardData } from './card-data.js';
import { saveDraft, startStep } from './step.js';
import { assignmentsCardFor, basicsCardFor } from './step-cards.js';

/** Basics > Next: keeps what was typed; moves on to Assignments only when the text is valid. */
export async function submitBasics(deps: FlowDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseGroupCardData(basicsData, data);
  const step = await startStep(deps, turn, input.draftId);
  if (!step.ok) {
    return step.card;
  }

  const text = validateNotificationText(input.title, input.body);
  const saved = await saveDraft(deps, step.draft, { ...step.draft.payload, title: text.title, body: text.body });
  if (!text.ok) {
    turn.log.info({ draftId: saved.draft.id, invalid: Object.keys(text.errors) }, 'notification text rejected');
    return basicsCardFor(saved.draft.id, saved.payload, text.errors);
  }
  return assignmentsCardFor(saved.draft.id, saved.payload);
}
