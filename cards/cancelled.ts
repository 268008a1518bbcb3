import { renderCard } from './render.js';
import { optionalText, type AdaptiveCard } from './types.js';

export interface CancelledCardData {
  /** Description of the cancelled action, for example "Notification to LT-0042". */
  what: string;
}

/** Builds the card that replaces a wizard step after `Cancel`. */
export function cancelledCard(data: CancelledCardData): AdaptiveCard {
  return renderCard('cancelled', { what: optionalText(data.what) });
}
