import { displayGroupName } from './group-name.js';
import { renderCard } from './render.js';
import { optionalText, type AdaptiveCard } from './types.js';

/** An Entra group already chosen for the notification. */
export interface SelectedGroup {
  id: string;
  name: string;
}

/** An Entra group found by the search on the Assignments step. */
export interface GroupSearchResult {
  id: string;
  name: string;
  description: string;
  /** True when the group is already in the selection, so the card shows "Selected" instead of `Add`. */
  selected: boolean;
}

export interface GroupAssignmentsCardData {
  draftId: string;
  selected: SelectedGroup[];
  /** Groups one notification may target (Intune allows 25). */
  maxGroups: number;
  /** The search text to prefill, which is also the text the results belong to. */
  query: string;
  /** False until the user has searched once. Results show only after a search. */
  searched: boolean;
  /**
   * NOTE: each listed group adds about 0.8 KB of card JSON (measured with 40-character names and GUID
   * ids). Microsoft Learn ("Format your bot messages") puts the Teams bot message limit at 100 KB in
   * UTF-16, and older copies of that page give 40 KB, so list about 10 results at most.
   */
  results: GroupSearchResult[];
  /** True when the search matched more groups than the card lists. */
  resultsTruncated: boolean;
  /** Shown on top in the accent colour, for example "Added Sales." */
  message?: string;
  /** Shown on top in the attention colour. */
  error?: string;
}

/**
 * Builds step 2 of `notify groups` (Assignments): the current selection with a `Remove` button per
 * group, a group search, the search results with an `Add` button per group not yet selected, and
 * `Back`, `Next` and `Cancel`. Only `Search` sends the search box, so a half-typed query never
 * blocks the other buttons.
 */
export function groupAssignmentsCard(data: GroupAssignmentsCardData): AdaptiveCard {
  const selected = data.selected.map((group) => ({ id: group.id, name: displayGroupName(group.name) }));
  const results = data.searched
    ? data.results.map((group) => ({
        id: group.id,
        name: displayGroupName(group.name),
        description: optionalText(group.description),
        canAdd: !group.selected,
        isSelected: group.selected,
      }))
    : [];

  return renderCard('group-assignments', {
    draftId: data.draftId,
    selected,
    selectedCount: selected.length,
    maxGroups: data.maxGroups,
    hasSelection: selected.length > 0,
    noneSelected: selected.length === 0,
    selectionFull: selected.length >= data.maxGroups,
    query: data.query,
    searchedQuery: optionalText(data.searched ? data.query : undefined),
    results,
    hasResults: results.length > 0,
    resultCount: results.length,
    truncated: data.searched && data.resultsTruncated,
    noResults: data.searched && results.length === 0,
    message: optionalText(data.message),
    error: optionalText(data.error),
  });
}
