import { outcomeFields, type OutcomeData } from './outcome-fields.js';
import { displayGroupNames } from './group-name.js';
import { renderCard } from './render.js';
import type { AdaptiveCard } from './types.js';

export interface GroupOutcomeCardData extends OutcomeData {
  groups: Array<{ name: string }>;
}

/** Builds the final card of a group send. */
export function groupOutcomeCard(data: GroupOutcomeCardData): AdaptiveCard {
  const groupCount = data.groups.length;

  return renderCard('group-outcome', {
    ...outcomeFields(data),
    sentHeading: `Sent to ${groupCount} ${groupCount === 1 ? 'group' : 'groups'}`,
    groups: displayGroupNames(data.groups),
  });
}
