import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits.js';

export interface TextCounts {
  title: number;
  body: number;
}

/**
 * Result of validateNotificationText. `title` and `body` are the values to keep in the draft and show
 * again. A value longer than keptLengthFactor times its limit is cut to that length, so forged card
 * data cannot make the bot store and echo megabytes. `counts` and the error messages state the
 * length before that cut.
 */
export type TextValidation =
  | { ok: true; title: string; body: string; counts: TextCounts }
  | { ok: false; title: string; body: string; counts: TextCounts; errors: { title?: string; body?: string } };

// A rejected value is kept up to this many times its limit, so the form still shows most of an
// overlong text for the user to shorten.
const keptLengthFactor = 4;

// A high surrogate not followed by a low one, or a low one without a high one before it.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// C0 and C1 controls and DEL. Newline is handled separately: allowed in the body, not in the title.
const controlCharacter = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;

// Bidirectional embeddings, overrides and isolates, which can make text display in a misleading
// order (U+202E shows what follows it backwards). The LRM and RLM marks (U+200E, U+200F) stay allowed.
const bidiControl = /[\u202a-\u202e\u2066-\u2069]/u;

// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR break lines just like a newline.
const lineBreak = /[\n\u2028\u2029]/u;

const whitespaceOnly = /^\p{White_Space}*$/u;
const notWhitespace = /\P{White_Space}/u;

// A character the user can see. Whitespace, format characters (zero-width space and joiners, word
// joiner, byte order mark, ...) and Unicode's default-ignorable code points (variation selectors,
// combining grapheme joiner, Khmer inherent vowels, Mongolian free variation selectors, ...) are not
// visible. Neither are the characters that render blank: the Hangul fillers U+115F, U+1160, U+3164 and
// U+FFA0, Braille blank U+2800 and Mongolian vowel separator U+180E.
const visibleCharacter = /[^\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u115f\u1160\u3164\uffa0\u2800\u180e]/u;

/**
 * Normalises and checks a title and body typed by the user. Lengths are UTF-16 code units after
 * NFC normalisation, so a character outside the Basic Multilingual Plane counts as two: the
 * strictest reading of Intune's "characters". Text without a visible character counts as empty,
 * but zero-width characters between visible ones (emoji ZWJ sequences, ZWNJ in Persian) are allowed.
 * When the text is valid, the returned strings are what the preview shows and what Graph receives, unchanged.
 */
export function validateNotificationText(rawTitle: unknown, rawBody: unknown): TextValidation {
  const title = normalise(rawTitle);
  const body = normalise(rawBody);
  const counts = { title: title.length, body: body.length };
  const errors: { title?: string; body?: string } = {};

  const titleError = checkField('Title', title, TITLE_MAX_LENGTH, { allowLineBreaks: false });
  if (titleError) {
    errors.title = titleError;
  }
  const bodyError = checkField('Body', body, BODY_MAX_LENGTH, { allowLineBreaks: true });
  if (bodyError) {
    errors.body = bodyError;
  }

  if (errors.title || errors.body) {
    const keptTitle = cutText(title, keptLengthFactor * TITLE_MAX_LENGTH);
    const keptBody = cutText(body, keptLengthFactor * BODY_MAX_LENGTH);
    return { ok: false, title: keptTitle, body: keptBody, counts, errors };
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

function checkField(label: string, value: string, maxLength: number, options: { allowLineBreaks: boolean }): string | undefined {
  if (whitespaceOnly.test(value)) {
    return `${label} is required: type the text the user should see.`;
  }
  if (!visibleCharacter.test(value)) {
    const firstInvisible = notWhitespace.exec(value)?.[0] ?? value;
    return `${label} is required: it contains only invisible characters (the first is ${formatCodePoint(firstInvisible)}), so the user would see nothing. Type the text the user should see.`;
  }
  if (value.length > maxLength) {
    return `${label} is ${value.length} characters long; Intune allows at most ${maxLength}. Shorten it by ${value.length - maxLength}. (Emoji and some other symbols count as two characters.)`;
  }
  if (loneSurrogate.test(value)) {
    return `${label} contains a broken character (an unpaired UTF-16 surrogate); type the text again.`;
  }
  const control = controlCharacter.exec(value);
  if (control) {
    return `${label} contains an invisible control character (${formatCodePoint(control[0])}); remove it and type the text again.`;
  }
  const bidi = bidiControl.exec(value);
  if (bidi) {
    return `${label} contains an invisible text direction control character (${formatCodePoint(bidi[0])}), which can make the text display in a misleading order; remove it and type the text again.`;
  }
  if (!options.allowLineBreaks && lineBreak.test(value)) {
    return `${label} must be a single line.`;
  }
  return undefined;
}

/** Formats the first code point of text as U+XXXX. */
function formatCodePoint(text: string): string {
  const codePoint = text.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Cuts text to at most maxLength UTF-16 code units without splitting a surrogate pair, and adds nothing. */
export function cutText(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }
  let end = Math.max(0, maxLength);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) {
    end -= 1;
  }
  return text.slice(0, end);
}

function isHighSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdbff;
}

/** Shortens text to at most maxLength UTF-16 code units, ending with an ellipsis, without splitting a surrogate pair. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }
  return `${cutText(text, maxLength - 1)}…`;
}
