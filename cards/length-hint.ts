/**
 * Describes a field's limit, with the current length once the field has text. Cards can't count
 * while the user types, so the count is the one the server measured when it built the card.
 */
export function describeLength(count: number, limit: number): { text: string; color: string } {
  if (count === 0) {
    return { text: `Up to ${limit} characters`, color: 'Default' };
  }
  return { text: `${count}/${limit} characters`, color: count > limit ? 'Attention' : 'Default' };
}
