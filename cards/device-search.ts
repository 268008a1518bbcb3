import { renderCard } from './render.js';
import { optionalText, type AdaptiveCard } from './types.js';

export interface DeviceSearchCardData {
  /** The search text to prefill, kept when the card comes back with an error. */
  query: string;
  /** Shown under the search box in the attention colour. */
  error?: string;
  /** Shown above the search box. */
  message?: string;
}

/** Builds the first step of `notify device`: a search box (input `query`) and a `Search` button. */
export function deviceSearchCard(data: DeviceSearchCardData): AdaptiveCard {
  return renderCard('device-search', {
    query: data.query,
    error: optionalText(data.error),
    message: optionalText(data.message),
  });
}
