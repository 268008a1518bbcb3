import { renderCard } from './render.js';
import { literal, optionalText, type AdaptiveCard } from './types.js';

export interface HelpItem {
  command: string;
  description: string;
  /** A button that starts the command; its Action.Execute data is `{ verb }`. */
  action?: { title: string; verb: string };
}

export interface HelpCardData {
  items: HelpItem[];
  note?: string;
}

/** Builds the `help` card: one row per command, with a button for commands that can start from a click. */
export function helpCard(data: HelpCardData): AdaptiveCard {
  const items = data.items.map((item) => ({
    command: literal(item.command),
    description: literal(item.description),
    hasAction: item.action !== undefined,
    actionTitle: item.action?.title ?? '',
    actionVerb: item.action?.verb ?? '',
  }));

  return renderCard('help', { items, note: optionalText(data.note) });
}
