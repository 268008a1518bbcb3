import { MAX_GROUPS_PER_NOTIFICATION } from '../../policy/limits.js';
import { validateNotificationText, type TextValidation } from '../../policy/notification-text.js';
import type { GroupDraftPayload } from './draft.js';

export interface GroupDraftCheck {
  text: TextValidation;
  /** Reason the selection can't be sent; undefined when it can. */
  groupsError?: string;
}

/** Checks the whole draft, as every step of the wizard does, whatever the step in front of the user. */
export function checkGroupDraft(payload: GroupDraftPayload): GroupDraftCheck {
  const text = validateNotificationText(payload.title, payload.body);
  const ids = payload.groups.map((group) => group.id);

  if (ids.length === 0) {
    return { text, groupsError: 'Select at least one group: search for it by name and press Add.' };
  }
  if (ids.length > MAX_GROUPS_PER_NOTIFICATION) {
    return { text, groupsError: `${ids.length} groups are selected; Intune allows at most ${MAX_GROUPS_PER_NOTIFICATION} per notification. Remove ${ids.length - MAX_GROUPS_PER_NOTIFICATION}.` };
  }
  if (new Set(ids).size !== ids.length) {
    return { text, groupsError: 'A group is selected twice. Remove the duplicate.' };
  }
  return { text };
}
