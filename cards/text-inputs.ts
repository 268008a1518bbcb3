import { describeLength } from './length-hint.js';
import { optionalText } from './types.js';

/** The Title and Body inputs of a draft, shared by the device compose card and the group Basics step. */
export interface TextInputsData {
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

/** Returns the template fields for the Title and Body inputs, their length hints and errors. */
export function textInputFields(data: TextInputsData) {
  return {
    draftId: data.draftId,
    title: data.title,
    body: data.body,
    limits: data.limits,
    titleLength: describeLength(data.counts.title, data.limits.title),
    bodyLength: describeLength(data.counts.body, data.limits.body),
    formError: optionalText(data.errors?.form),
    titleError: optionalText(data.errors?.title),
    bodyError: optionalText(data.errors?.body),
  };
}
