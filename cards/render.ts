import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';

import type { AdaptiveCard } from './types.js';

export type TemplateName =
  | 'help'
  | 'device-search'
  | 'device-results'
  | 'device-compose'
  | 'device-sending'
  | 'device-outcome'
  | 'group-basics'
  | 'group-assignments'
  | 'group-review'
  | 'group-sending'
  | 'group-outcome'
  | 'notice'
  | 'cancelled';

const templates = new Map<TemplateName, Template>();

function loadTemplate(name: TemplateName): Template {
  const cached = templates.get(name);
  if (cached) {
    return cached;
  }

  const file = new URL(`./templates/${name}.json`, import.meta.url);
  const template = new Template(JSON.parse(readFileSync(file, 'utf8')));
  templates.set(name, template);
  return template;
}

/**
 * Expands the card template `cards/templates/NAME.json` with `data` as `$root`.
 * Data values are inserted as values: adaptivecards-templating 2.3.1 doesn't evaluate a `${...}`
 * found inside them (test/cards checks this), which keeps user text literal.
 */
export function renderCard(name: TemplateName, data: object): AdaptiveCard {
  const card: unknown = loadTemplate(name).expand({ $root: data });
  if (card === null || typeof card !== 'object' || Array.isArray(card)) {
    throw new Error(`Card template ${name}.json expanded to ${JSON.stringify(card)} instead of a card object`);
  }
  return card as AdaptiveCard;
}
