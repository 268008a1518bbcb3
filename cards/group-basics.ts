import { describeLength } from './length-hint.js';
import { renderCard } from './render.js';
import { optionalText, type AdaptiveCard } from './types.js';

export interface GroupBasicsCardData {
  draftId: string;
  /** Typed values, kept when the card comes back with errors. */
  title: string;
  body: string;
  /** Inline errors: `title` and `body` show under their field, `form` at the top of the card. */
  errors?: { title?: string; body?: string; form?: string };
  limits: { title: number; body: number };
  /** Lengths of `title` and `body` as the server counts them (UTF-16 code units after NFC). */
  counts: { title: number; body: number };
}

/**
 * Builds step 1 of `notify groups` (Basics): the Title and Body inputs with their limits and the
 * `Next` and `Cancel` buttons. `Next` carries the inputs; `Cancel` carries none, so the client
 * doesn't validate them first.
 */
export function groupBasicsCard(data: GroupBasicsCardData): AdaptiveCard {
  return renderCard('group-basics', {
    draftId: data.draftId,
    title: data.title,
    body: data.body,
    limits: data.limits,
    titleLength: describeLength(data.counts.title, data.limits.title),
    bodyLength: describeLength(data.counts.body, data.limits.body),
    formError: optionalText(data.errors?.form),
    titleError: optionalText(data.errors?.title),
    bodyError: optionalText(data.errors?.body),
  });
}
