import { noticeCard } from '../../cards/notice.js';
import type { AdaptiveCard } from '../../cards/types.js';
import type { FlowDeps, Turn } from './turn.js';

const stepGraceMs = 300;

export interface Delivery {
  card: AdaptiveCard;
  /** One line for the chat, posted when the result arrives after the invoke response. */
  summary: string;
}

/**
 * Returns the delivery's card when it ends within sendAnswerDeadlineMs, so the invoke response goes
 * out in time. Otherwise returns the pending card at once and, when the delivery ends, replaces the
 * clicked card with its result and posts its summary.
 */
export async function answerWithin(deps: FlowDeps, turn: Turn, delivery: Promise<Delivery>, pendingCard: () => AdaptiveCard): Promise<AdaptiveCard> {
  const early = await settleWithin(delivery, deps.sendAnswerDeadlineMs);
  if (early.settled) {
    return early.value.card;
  }

  turn.log.info('send still running, returning a pending card');
  deps.background.run('send result', async () => {
    const result = await delivery;
    await turn.later.replaceCard(result.card);
    await turn.later.sendText(result.summary);
  });
  return pendingCard();
}

/**
 * Gives any card action the same guarantee: when the step (a search, say) outlasts the deadline, the
 * invoke response is a "working" card, replaced by the step's card, or by its error, when it ends.
 */
export async function cardWithin(deps: FlowDeps, turn: Turn, step: Promise<AdaptiveCard>, cardForError: (error: unknown) => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
  // A little later than the send deadline, so a slow send still shows its own "Sending…" card.
  const early = await settleWithin(step, deps.sendAnswerDeadlineMs + stepGraceMs);
  if (early.settled) {
    return early.value;
  }

  turn.log.info('step still running, returning a working card');
  deps.background.run('late card', async () => {
    const card = await step.catch(cardForError);
    await turn.later.replaceCard(card);
  });
  return workingCard();
}

/** Builds the card shown while a slow step runs on after the response. */
export function workingCard(): AdaptiveCard {
  return noticeCard({
    title: 'Working on it…',
    text: 'Microsoft Graph is slow to respond. This card is updated when the answer arrives.',
    tone: 'info',
  });
}

export type Settled<T> = { settled: true; value: T } | { settled: false };

/** Waits for the promise at most ms; a rejection inside the time is thrown to the caller. */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), ms);
  });
  const outcome = promise.then((value): Settled<T> => ({ settled: true, value }));
  // A rejection after the deadline is handled by the code that awaits the promise later, not here.
  outcome.catch(() => undefined);
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
