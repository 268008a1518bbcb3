import type { AdaptiveCard } from '../../cards/types.js';
import type { LoadedDraft } from './drafts.js';
import type { FlowDeps, Turn } from './turn.js';

const pollMs = 100;
const watchPollMs = 500;
// Longer than a send can take (the Graph timeout and the bounded retries end well before), and longer
// than the bot takes to mark a send cut off by a crash as unknown (5 minutes, checked every minute).
const maxWatchMs = 7 * 60 * 1000;

/**
 * Builds the card for a click that lost the race for a draft. While another click is sending it,
 * this waits up to the send deadline for the outcome. If the send is still running then, it returns
 * the current card and replaces it once the draft settles, so no card stays at "Sending…".
 */
export async function cardAfterLostRace<T>(
  deps: FlowDeps,
  turn: Turn,
  reload: () => Promise<LoadedDraft<T>>,
  render: (draft: LoadedDraft<T>) => AdaptiveCard | Promise<AdaptiveCard>,
): Promise<AdaptiveCard> {
  let current = await reload();
  const deadline = Date.now() + deps.sendAnswerDeadlineMs;
  while (current.draft.state === 'sending' && Date.now() < deadline) {
    await delay(pollMs);
    current = await reload();
  }
  if (current.draft.state !== 'sending') {
    return render(current);
  }

  deps.background.run('follow a send of another click', async () => {
    const until = Date.now() + maxWatchMs;
    let latest = current;
    while (latest.draft.state === 'sending' && Date.now() < until) {
      await delay(watchPollMs);
      latest = await reload();
    }
    if (latest.draft.state !== 'sending') {
      await turn.later.replaceCard(await render(latest));
    }
  });
  return render(current);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
