import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits.js';

export interface TextCounts {
  title: number;
  body: number;
}

export type TextValidation =
  | { ok: true; title: string; body: string; counts: TextCounts }
  | { ok: false; title: string; body: string; counts: TextCounts; errors: { title?: string; body?: string } };

// A high surrogate not followed by a low one, or a low one without a high one before it.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// C0 and C1 controls and DEL. Newline is handled separately: allowed in the body, not in the title.
const controlCharacter = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;

/**
 * Normalises and checks a title and body typed by the user. Lengths are UTF-16 code units after
 * NFC normalisation, so a character outside the Basic Multilingual Plane counts as two: the
 * strictest reading of Intune's "characters". The returned strings are what the preview shows and
 * what Graph receives, unchanged.
 */
export function validateNotificationText(rawTitle: unknown, rawBody: unknown): TextValidation {
  const title = normalise(rawTitle);
  const body = normalise(rawBody);
  const counts = { title: title.length, body: body.length };
  const errors: { title?: string; body?: string } = {};

  const titleError = checkField('Title', title, TITLE_MAX_LENGTH, { allowNewline: false });
  if (titleError) {
    errors.title = titleError;
  }
  const bodyError = checkField('Body', body, BODY_MAX_LENGTH, { allowNewline: true });
  if (bodyError) {
    errors.body = bodyError;
  }

  if (errors.title || errors.body) {
    return { ok: false, title, body, counts, errors };
  }
  return { ok: true, title, body, counts };
}

function normalise(value: unknown): string {
  if (typeof value !== 'string') {
    return '';
  }
  // Teams clients send Windows line endings from multi-line inputs; one newline is one character.
  return value.replace(/\r\n?/g, '\n').normalize('NFC');
}

function checkField(label: string, value: string, maxLength: number, options: { allowNewline: boolean }): string | undefined {
  if (value.trim() === '') {
    return `${label} is required: type the text the user should see.`;
  }
  if (value.length > maxLength) {
    return `${label} is ${value.length} characters long; Intune allows at most ${maxLength}. Shorten it by ${value.length - maxLength}. (Emoji and some other symbols count as two characters.)`;
  }
  if (loneSurrogate.test(value)) {
    return `${label} contains a broken character (an unpaired UTF-16 surrogate); type the text again.`;
  }
  const control = controlCharacter.exec(value);
  if (control) {
    const codePoint = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `${label} contains an invisible control character (U+${codePoint}); remove it and type the text again.`;
  }
  if (!options.allowNewline && value.includes('\n')) {
    return `${label} must be a single line.`;
  }
  return undefined;
}

/** Shortens text to at most maxLength UTF-16 code units without splitting a surrogate pair. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }
  let end = Math.max(0, maxLength - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end -= 1;
  }
  return `${text.slice(0, end)}…`;
}
