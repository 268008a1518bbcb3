import type { AdaptiveCard } from '../../cards/types.js';
import type { FlowDeps, Turn } from './turn.js';

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
  const early = await Promise.race([delivery, delay(deps.sendAnswerDeadlineMs).then(() => undefined)]);
  if (early) {
    return early.card;
  }

  turn.log.info('send still running, returning a pending card');
  deps.background.run('send result', async () => {
    const result = await delivery;
    await turn.later.replaceCard(result.card);
    await turn.later.sendText(result.summary);
  });
  return pendingCard();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
