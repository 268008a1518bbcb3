import type { AdaptiveCard } from '../../../cards/types.js';
import { AppError } from '../../errors.js';
import { graphErrorToAppError } from '../../graph/describe-graph-error.js';
import { MAX_GROUPS_PER_NOTIFICATION } from '../../policy/limits.js';
import { draftOnly, groupData, searchData } from './card-data.js';
import type { GroupDraftPayload } from './draft.js';
import { showReview } from './review.js';
import { groupStep, saveDraft } from './step.js';
import { assignmentsCardFor, cardForInvalidDraft } from './step-cards.js';

const maxQueryLength = 100;
// Groups a draft remembers from its searches; older ones are forgotten first, except selected ones.
const maxKnownGroups = 500;

/** Assignments > Search: finds groups by display name and remembers them as the ones Add accepts. */
export const searchGroups = groupStep(searchData, async (deps, turn, input, current) => {
  const { draft, payload } = current;

  const query = input.query.trim();
  if (query === '') {
    return assignmentsCardFor(draft.id, { ...payload, lastQuery: '' }, { error: 'Type part of a group name, then press Search.' });
  }
  if (query.length > maxQueryLength) {
    return assignmentsCardFor(draft.id, { ...payload, lastQuery: query }, { error: `The search text is ${query.length} characters long; use at most ${maxQueryLength}.` });
  }

  let result;
  try {
    result = await deps.groups.searchGroups(query);
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_input') {
      return assignmentsCardFor(draft.id, { ...payload, lastQuery: query }, { error: error.userMessage });
    }
    throw graphErrorToAppError(error, 'readDirectory');
  }
  const found = result.groups.map((group) => ({ id: group.id, name: group.displayName, description: group.description }));
  const saved = await saveDraft(deps, current, {
    ...payload,
    known: remember(payload, found),
    lastQuery: query,
    lastResults: found.map((group) => group.id),
    lastResultsTruncated: result.truncated,
  });
  turn.log.info({ draftId: draft.id, matches: found.length }, 'group search finished');
  return assignmentsCardFor(saved.draft.id, saved.payload);
});

/** Assignments > Add: only a group a search showed, once, and at most 25. */
export const addGroup = groupStep(groupData, async (deps, turn, input, current) => {
  const { draft, payload } = current;

  const known = payload.known.find((group) => group.id === input.groupId);
  if (!known) {
    throw new AppError('invalid_input', 'That group was not in your search results, so it was not added. Search for it by name and press Add.', {
      details: { draftId: draft.id, groupId: input.groupId },
    });
  }
  if (payload.groups.some((group) => group.id === known.id)) {
    return assignmentsCardFor(draft.id, payload, { message: `${known.name} is already selected.` });
  }
  if (payload.groups.length >= MAX_GROUPS_PER_NOTIFICATION) {
    return assignmentsCardFor(draft.id, payload, {
      error: `${known.name} was not added: Intune allows at most ${MAX_GROUPS_PER_NOTIFICATION} groups per notification. Remove one first, or send a second notification.`,
    });
  }

  // The group may have been deleted since the search showed it.
  const group = await deps.groups.getGroup(known.id).catch((error: unknown) => {
    throw graphErrorToAppError(error, 'readDirectory');
  });
  const saved = await saveDraft(deps, current, { ...payload, groups: [...payload.groups, { id: group.id, name: group.displayName }] });
  return assignmentsCardFor(saved.draft.id, saved.payload);
});

/** Assignments > Remove. */
export const removeGroup = groupStep(groupData, async (deps, turn, input, current) => {
  const { payload } = current;
  const saved = await saveDraft(deps, current, { ...payload, groups: payload.groups.filter((group) => group.id !== input.groupId) });
  return assignmentsCardFor(saved.draft.id, saved.payload);
});

/** Assignments > Next: re-checks the whole draft, then shows Review + Create. */
export const submitAssignments = groupStep(draftOnly, async (deps, turn, input, current) => {
  const { draft, payload } = current;

  const invalid = cardForInvalidDraft(draft.id, payload);
  if (invalid) {
    return invalid;
  }
  return showReview(deps, current);
});

function remember(payload: GroupDraftPayload, found: GroupDraftPayload['known']): GroupDraftPayload['known'] {
  const byId = new Map(payload.known.map((group) => [group.id, group]));
  for (const group of found) {
    byId.delete(group.id);
    byId.set(group.id, group);
  }
  const selected = new Set(payload.groups.map((group) => group.id));
  const all = [...byId.values()];
  const overflow = all.length - maxKnownGroups;
  if (overflow <= 0) {
    return all;
  }
  let dropped = 0;
  return all.filter((group) => {
    if (dropped < overflow && !selected.has(group.id)) {
      dropped += 1;
      return false;
    }
    return true;
  });
}
