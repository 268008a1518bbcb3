import { literal } from './types.js';

/** Prepares an Entra group's display name for a TextRun, naming a group that has none. */
export function displayGroupName(name: string): string {
  return name === '' ? '(unnamed group)' : literal(name);
}

export function displayGroupNames(groups: Array<{ name: string }>): Array<{ name: string }> {
  return groups.map((group) => ({ name: displayGroupName(group.name) }));
}
