import { renderCard } from './render.js';
import { textInputFields, type TextInputsData } from './text-inputs.js';
import type { AdaptiveCard } from './types.js';

export type GroupBasicsCardData = TextInputsData;

/**
 * Builds step 1 of `notify groups` (Basics): the Title and Body inputs with their limits and the
 * `Next` and `Cancel` buttons. `Next` carries the inputs; `Cancel` carries none, so the client
 * doesn't validate them first.
 */
export function groupBasicsCard(data: GroupBasicsCardData): AdaptiveCard {
  return renderCard('group-basics', textInputFields(data));
}
