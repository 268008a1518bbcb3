import { describe, expect, it } from 'vitest';
import { truncateText, validateNotificationText } from '../../bot/policy/notification-text.js';

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
