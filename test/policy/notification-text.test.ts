import { describe, expect, it } from 'vitest';
import { cutText, truncateText, validateNotificationText } from '../../bot/policy/notification-text.js';

describe('validateNotificationText', () => {
  it('accepts 50 and 500 characters', () => {
    expect(validateNotificationText('t'.repeat(50), 'b'.repeat(500)).ok).toBe(true);
  });

  it('counts a character outside the BMP as two', () => {
    const result = validateNotificationText('🚀'.repeat(25) + 'x', 'body');

    expect(result.ok).toBe(false);
    expect(result.counts.title).toBe(51);
  });

  it('counts after NFC normalisation', () => {
    const decomposed = 'e\u0301'.repeat(50);

    const result = validateNotificationText(decomposed, 'body');

    expect(result.ok).toBe(true);
    expect(result.title).toBe('\u00e9'.repeat(50));
  });

  it('keeps newlines in the body and turns CRLF into LF', () => {
    const result = validateNotificationText('Title', 'line 1\r\nline 2');

    expect(result.ok).toBe(true);
    expect(result.body).toBe('line 1\nline 2');
  });

  it('rejects a newline in the title', () => {
    const result = validateNotificationText('line 1\nline 2', 'body');

    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.title).toBe('Title must be a single line.');
  });

  it('rejects a C1 control character in the body', () => {
    const result = validateNotificationText('Title', 'a\u0085b');

    expect(!result.ok && result.errors.body).toMatch(/U\+0085/);
  });

  it('rejects an unpaired surrogate', () => {
    const result = validateNotificationText('a\ud800b', 'body');

    expect(!result.ok && result.errors.title).toMatch(/unpaired UTF-16 surrogate/);
  });

  it('does not trim what is sent', () => {
    const result = validateNotificationText('  Title  ', ' body ');

    expect(result.title).toBe('  Title  ');
    expect(result.body).toBe(' body ');
  });

  it.each([
    ['zero-width space', '\u200b'],
    ['zero-width characters', '\u200b\u200c\u200d\u2060\ufeff'],
    ['Hangul filler', '\u3164'],
    ['Hangul choseong and jungseong fillers', '\u115f\u1160'],
    ['halfwidth Hangul filler', '\uffa0'],
    ['Braille blank', '\u2800'],
    ['Mongolian vowel separator', '\u180e'],
    ['invisible characters among spaces', ' \u200b \u2800 '],
  ])('rejects a title of only %s', (_name, title) => {
    const result = validateNotificationText(title, 'body');

    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.title).toMatch(/^Title is required: it contains only invisible characters/);
  });

  it('rejects a body of only invisible characters', () => {
    const result = validateNotificationText('Title', '\u200b\n\u3164');

    expect(!result.ok && result.errors.body).toMatch(/^Body is required: it contains only invisible characters/);
  });

  it('names the first invisible character', () => {
    const result = validateNotificationText('  \u3164\u200b', 'body');

    expect(!result.ok && result.errors.title).toContain('(the first is U+3164)');
  });

  it.each([
    ['emoji ZWJ sequence', '\u{1F469}\u200d\u{1F4BB} Update'],
    ['ZWNJ inside a Persian word', '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'],
    ['invisible characters around a letter', '\u200bA\u200b'],
    ['left-to-right and right-to-left marks', 'abc\u200e \u200f\u05e9\u05dc\u05d5\u05dd'],
  ])('accepts %s', (_name, title) => {
    const result = validateNotificationText(title, 'body');

    expect(result.ok).toBe(true);
    expect(result.title).toBe(title);
  });

  it.each(['202A', '202B', '202C', '202D', '202E', '2066', '2067', '2068', '2069'])('rejects bidi control U+%s', (hex) => {
    const control = String.fromCodePoint(Number.parseInt(hex, 16));
    const codePoint = `U+${hex}`;

    const result = validateNotificationText(`Update ${control}exe.txt`, `Body ${control}text`);

    expect(!result.ok && result.errors.title).toContain(codePoint);
    expect(!result.ok && result.errors.body).toContain(codePoint);
  });

  it('names a lone bidi override', () => {
    const result = validateNotificationText('\u202e', 'body');

    expect(!result.ok && result.errors.title).toContain('U+202E');
  });

  it.each([
    ['line separator', 'line 1\u2028line 2'],
    ['paragraph separator', 'line 1\u2029line 2'],
  ])('rejects a %s in the title', (_name, title) => {
    const result = validateNotificationText(title, 'body');

    expect(!result.ok && result.errors.title).toBe('Title must be a single line.');
  });

  it('keeps line and paragraph separators in the body', () => {
    const body = 'line 1\u2028line 2\u2029line 3';

    const result = validateNotificationText('Title', body);

    expect(result.ok).toBe(true);
    expect(result.body).toBe(body);
  });

  it.each([
    ['number', 42],
    ['object', { text: 'Title' }],
    ['null', null],
  ])('treats a %s title as empty', (_name, title) => {
    const result = validateNotificationText(title, 'body');

    expect(!result.ok && result.errors.title).toMatch(/^Title is required/);
    expect(result.title).toBe('');
  });

  it('cuts a huge title to four times the limit', () => {
    const result = validateNotificationText('x'.repeat(5_000), 'body');

    expect(result.title).toBe('x'.repeat(200));
    expect(result.counts.title).toBe(5_000);
    expect(!result.ok && result.errors.title).toMatch(/^Title is 5000 characters long; Intune allows at most 50\. Shorten it by 4950\./);
  });

  it('cuts a huge body to four times the limit', () => {
    const result = validateNotificationText('Title', 'y'.repeat(900_000));

    expect(result.body).toBe('y'.repeat(2_000));
    expect(result.title).toBe('Title');
    expect(result.counts.body).toBe(900_000);
    expect(!result.ok && result.errors.body).toMatch(/^Body is 900000 characters long/);
  });

  it('cuts a huge title between surrogate pairs', () => {
    const result = validateNotificationText(`a${'\u{1F680}'.repeat(300)}`, 'body');

    expect(result.title).toBe(`a${'\u{1F680}'.repeat(99)}`);
  });

  it('keeps a long title under four times the limit', () => {
    const result = validateNotificationText('x'.repeat(200), 'body');

    expect(result.ok).toBe(false);
    expect(result.title).toBe('x'.repeat(200));
  });

  it('cuts a huge invisible title', () => {
    const result = validateNotificationText('\u200b'.repeat(5_000), 'body');

    expect(result.title).toHaveLength(200);
    expect(!result.ok && result.errors.title).toMatch(/only invisible characters/);
  });
});

describe('cutText', () => {
  it('cuts without an ellipsis', () => {
    expect(cutText('abcdef', 4)).toBe('abcd');
  });

  it('never splits a surrogate pair', () => {
    expect(cutText('ab\u{1F680}cd', 3)).toBe('ab');
  });

  it('keeps a pair that ends at the limit', () => {
    expect(cutText('ab\u{1F680}cd', 4)).toBe('ab\u{1F680}');
  });

  it('leaves short text alone', () => {
    expect(cutText('abc', 3)).toBe('abc');
  });
});

describe('truncateText', () => {
  it('never splits a surrogate pair', () => {
    const text = 'ab🚀cd';

    expect(truncateText(text, 4)).toBe('ab…');
  });

  it('leaves short text alone', () => {
    expect(truncateText('abc', 3)).toBe('abc');
  });
});

describe('validateNotificationText default-ignorable characters', () => {
  const blanks = ['\ufe0f', '\u{e0100}', '\u034f', '\u17b4\u17b5', '\u180b\u180c'];

  for (const blank of blanks) {
    it(`rejects a title of only ${[...blank].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(' ')}`, () => {
      const result = validateNotificationText(blank, 'body');

      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors.title).toMatch(/only invisible characters/);
    });
  }

  it('keeps an emoji with a variation selector', () => {
    expect(validateNotificationText('Heads up \u2764\ufe0f', 'body').ok).toBe(true);
  });
});
