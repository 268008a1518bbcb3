import type { AdaptiveCard } from '../../../cards/types.js';
import { validateNotificationText } from '../../policy/notification-text.js';
import type { FlowDeps, Turn } from '../turn.js';
import { basicsData } from './card-data.js';
import { groupStep, saveDraft } from './step.js';
import { assignmentsCardFor, basicsCardFor } from './step-cards.js';

/** Basics > Next: keeps what was typed; moves on to Assignments only when the text is valid. */
export const submitBasics = groupStep(basicsData, async (deps, turn, input, current) => {
  const text = validateNotificationText(input.title, input.body);
  const saved = await saveDraft(deps, current, { ...current.payload, title: text.title, body: text.body });
  if (!text.ok) {
    turn.log.info({ draftId: saved.draft.id, invalid: Object.keys(text.errors) }, 'notification text rejected');
    return basicsCardFor(saved.draft.id, saved.payload, text.errors);
  }
  return assignmentsCardFor(saved.draft.id, saved.payload);
});
