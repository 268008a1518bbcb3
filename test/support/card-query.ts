type Node = Record<string, unknown>;

/** Lists every object in the card, depth first. */
export function walk(card: unknown): Node[] {
  const nodes: Node[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value && typeof value === 'object') {
      nodes.push(value as Node);
      Object.values(value).forEach(visit);
    }
  };
  visit(card);
  return nodes;
}

/** Joins the card's visible text (TextBlock, TextRun, FactSet titles and values) with newlines. */
export function cardText(card: unknown): string {
  return walk(card)
    .flatMap((node) => {
      if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string') {
        return [node.text];
      }
      if (typeof node.title === 'string' && typeof node.value === 'string') {
        return [`${node.title} ${node.value}`];
      }
      return [];
    })
    .join('\n');
}

export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data: Record<string, unknown>;
}

export function cardActions(card: unknown): CardAction[] {
  return walk(card)
    .filter((node) => node.type === 'Action.Execute' || node.type === 'Action.Submit')
    .map((node) => ({ type: node.type as string, title: node.title as string, verb: node.verb as string | undefined, data: (node.data ?? {}) as Record<string, unknown> }));
}

/** Finds the Action.Execute with that title and, when given, matching data. */
export function findAction(card: unknown, title: string, where: (data: Record<string, unknown>) => boolean = () => true): CardAction {
  const action = cardActions(card).find((candidate) => candidate.type === 'Action.Execute' && candidate.title === title && where(candidate.data));
  if (!action) {
    throw new Error(`no "${title}" action in card; actions: ${cardActions(card).map((candidate) => candidate.title).join(', ')}`);
  }
  return action;
}

export function inputs(card: unknown): Node[] {
  return walk(card).filter((node) => typeof node.type === 'string' && (node.type as string).startsWith('Input.'));
}
