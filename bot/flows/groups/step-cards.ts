import { groupAssignmentsCard } from '../../../cards/group-assignments.js';
import { groupBasicsCard } from '../../../cards/group-basics.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { BODY_MAX_LENGTH, MAX_GROUPS_PER_NOTIFICATION, TITLE_MAX_LENGTH } from '../../policy/limits.js';
import { truncateText } from '../../policy/notification-text.js';
import type { GroupDraftPayload } from './draft.js';
import { checkGroupDraft } from './validate.js';

export interface BasicsErrors {
  title?: string;
  body?: string;
  form?: string;
}

const maxDescriptionLength = 120;

/** Step 1, with what the user typed kept. */
export function basicsCardFor(draftId: string, payload: GroupDraftPayload, errors?: BasicsErrors): AdaptiveCard {
  return groupBasicsCard({
    draftId,
    title: payload.title,
    body: payload.body,
    errors,
    limits: { title: TITLE_MAX_LENGTH, body: BODY_MAX_LENGTH },
    counts: { title: payload.title.length, body: payload.body.length },
  });
}

/** Step 2: the running selection and the latest search's results. */
export function assignmentsCardFor(draftId: string, payload: GroupDraftPayload, notes: { message?: string; error?: string } = {}): AdaptiveCard {
  const selectedIds = new Set(payload.groups.map((group) => group.id));
  const known = new Map(payload.known.map((group) => [group.id, group]));
  const results = (payload.lastResults ?? []).flatMap((id) => {
    const group = known.get(id);
    // Entra descriptions run to 1,024 characters; a short excerpt keeps the card small.
    return group ? [{ id, name: group.name, description: truncateText(group.description, maxDescriptionLength), selected: selectedIds.has(id) }] : [];
  });

  return groupAssignmentsCard({
    draftId,
    selected: payload.groups,
    maxGroups: MAX_GROUPS_PER_NOTIFICATION,
    query: payload.lastQuery,
    searched: payload.lastResults !== undefined,
    results,
    resultsTruncated: payload.lastResultsTruncated,
    message: notes.message,
    error: notes.error,
  });
}

/** Returns the step that must be fixed, with its error, when the whole draft can't be sent yet. */
export function cardForInvalidDraft(draftId: string, payload: GroupDraftPayload): AdaptiveCard | undefined {
  const check = checkGroupDraft(payload);
  if (!check.text.ok) {
    return basicsCardFor(draftId, payload, check.text.errors);
  }
  if (check.groupsError) {
    return assignmentsCardFor(draftId, payload, { error: check.groupsError });
  }
  return undefined;
}
