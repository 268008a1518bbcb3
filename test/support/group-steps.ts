import { expect } from 'vitest';
import type { Harness, Operator } from './bot-harness.js';
import { operators } from './bot-harness.js';
import { cardActions, findAction } from './card-query.js';

export const broadcaster = operators.ben;

type Card = Record<string, unknown>;

/** Sends an Action.Execute and returns the card of its invoke response. */
export async function click(harness: Harness, verb: string, data: Record<string, unknown>, user: Operator = broadcaster): Promise<Card> {
  const response = await harness.invoke(verb, data, { user });
  expect(response.status).toBe(200);
  if (response.body.type !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`${verb} returned ${JSON.stringify(response.body).slice(0, 400)}`);
  }
  return response.body.value as Card;
}

/** Types `notify groups` and returns the draft id from the Basics card. */
export async function startWizard(harness: Harness, user: Operator = broadcaster): Promise<string> {
  await harness.message('notify groups', { user });
  return findAction(harness.lastPostedCard(), 'Next').data.draftId as string;
}

/** Searches and adds every result not yet selected, until `count` groups are selected; returns the Assignments card. */
export async function selectGroups(harness: Harness, draftId: string, queries: string[], count: number, user: Operator = broadcaster): Promise<Card> {
  let card: Card = {};
  let selected = 0;
  for (const query of queries) {
    card = await click(harness, 'groups.search', { draftId, query }, user);
    const adds = cardActions(card).filter((action) => action.verb === 'groups.add');
    for (const add of adds) {
      if (selected >= count) {
        return card;
      }
      card = await click(harness, 'groups.add', add.data, user);
      selected += 1;
    }
  }
  if (selected < count) {
    throw new Error(`only ${selected} groups found for ${queries.join(', ')}`);
  }
  return card;
}

/** Walks Basics and Assignments and returns the draft id and the Review + Create card. */
export async function reachReview(harness: Harness, options: { title: string; body: string; queries?: string[]; count?: number; user?: Operator }) {
  const user = options.user ?? broadcaster;
  const draftId = await startWizard(harness, user);
  await click(harness, 'groups.basics.next', { draftId, title: options.title, body: options.body }, user);
  await selectGroups(harness, draftId, options.queries ?? ['Seattle Office'], options.count ?? 1, user);
  const review = await click(harness, 'groups.assignments.next', { draftId }, user);
  return { draftId, review };
}
