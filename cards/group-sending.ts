import { displayGroupNames } from './group-name.js';
import { renderCard } from './render.js';
import { literal, type AdaptiveCard } from './types.js';

export interface GroupSendingCardData {
  title: string;
  body: string;
  groups: Array<{ name: string }>;
}

/** Builds the card shown while the Graph call runs, with the groups and the exact title and body being sent. */
export function groupSendingCard(data: GroupSendingCardData): AdaptiveCard {
  return renderCard('group-sending', {
    title: literal(data.title),
    body: literal(data.body),
    groups: displayGroupNames(data.groups),
  });
}
