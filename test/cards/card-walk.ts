import type { AdaptiveCard } from '../../cards/types.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists every object in the card, depth first, in document order. */
export function allObjects(card: AdaptiveCard): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isObject(value)) {
      return;
    }
    found.push(value);
    Object.values(value).forEach(visit);
  };
  visit(card);
  return found;
}

export function objectsOfType(card: AdaptiveCard, type: string): JsonObject[] {
  return allObjects(card).filter((object) => object.type === type);
}

export function textRuns(card: AdaptiveCard): string[] {
  return objectsOfType(card, 'TextRun').map((run) => String(run.text));
}

export function textBlocks(card: AdaptiveCard): string[] {
  return objectsOfType(card, 'TextBlock').map((block) => String(block.text));
}

/** Action.Execute objects, without the Action.Submit objects nested in their `fallback`. */
export function executeActions(card: AdaptiveCard): JsonObject[] {
  return objectsOfType(card, 'Action.Execute');
}

export function actionTitled(card: AdaptiveCard, title: string): JsonObject | undefined {
  return executeActions(card).find((action) => action.title === title);
}

export function inputWithId(card: AdaptiveCard, id: string): JsonObject | undefined {
  return allObjects(card).find((object) => object.type === 'Input.Text' && object.id === id);
}

/** Lists the top-level body elements, for order checks such as "error under its field". */
export function bodyElements(card: AdaptiveCard): JsonObject[] {
  const body = card.body;
  return Array.isArray(body) ? body.filter(isObject) : [];
}

/** Lists the element types of the card in document order, ignoring texts and values. */
export function typeOutline(card: AdaptiveCard): string[] {
  return allObjects(card)
    .map((object) => object.type)
    .filter((type): type is string => typeof type === 'string');
}

/** True when `element` or anything inside it is a TextRun whose text contains `text`. */
export function containsRun(element: JsonObject, text: string): boolean {
  return textRuns(element).some((run) => run.includes(text));
}
