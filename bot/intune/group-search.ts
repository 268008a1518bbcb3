import { AppError } from '../errors.js';

const maxQueryLength = 200;
const maxQueryWords = 10;

/**
 * Builds the Graph `$search` expression for groups whose display name contains every word of
 * `query`, or returns undefined when the query has no words. Only letters, marks and digits are
 * kept, so quotes, backslashes and colons in the query can never end a `"displayName:…"` clause.
 * Throws AppError('invalid_input') for a query over 200 characters or 10 words.
 */
export function toDisplayNameSearch(query: string): string | undefined {
  const trimmed = query.trim();
  if (trimmed.length > maxQueryLength) {
    throw tooLong();
  }

  const words = uniqueWords(trimmed);
  if (words.length === 0) {
    return undefined;
  }
  if (words.length > maxQueryWords) {
    throw tooLong();
  }

  // Graph tokenizes displayName for $search, and one clause per word joined by AND matches names
  // that contain all the words in any order.
  return words.map((word) => `"displayName:${word}"`).join(' AND ');
}

function uniqueWords(text: string): string[] {
  const words = text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const seen = new Set<string>();
  return words.filter((word) => {
    const key = word.toLowerCase();
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function tooLong(): AppError {
  return new AppError(
    'invalid_input',
    `The group search is too long. Use at most ${maxQueryWords} words and ${maxQueryLength} characters of the group's name.`,
  );
}
