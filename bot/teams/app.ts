import { Application, TurnState, type AdaptiveCard as TeamsAiCard } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/types.js';
import { AppError, describeError } from '../errors.js';
import { searchDevices } from '../flows/device/search.js';
import { pickDevice } from '../flows/device/pick.js';
import { sendToDevice } from '../flows/device/send.js';
import { cancelDeviceDraft, editDeviceDraft } from '../flows/device/edit.js';
import { addGroup, removeGroup, searchGroups, submitAssignments } from '../flows/groups/assignments.js';
import { submitBasics } from '../flows/groups/basics.js';
import { createGroupNotification } from '../flows/groups/create.js';
import { cancelGroupDraft, goBack, reopenReview } from '../flows/groups/navigation.js';
import { startGroupWizard } from '../flows/groups/start.js';
import { showHelp } from '../flows/help.js';
import { cardWithin, settleWithin, workingCard } from '../flows/deliver-later.js';
import { recoveryCard } from '../flows/recovery.js';
import type { FlowDeps, Turn } from '../flows/turn.js';
import type { BotAdapter } from './adapter.js';
import { errorNoticeCard, respondWithError, sendCard } from './respond.js';
import { createTurn, laterUpdatesFor } from './turn.js';

type CardAction = (deps: FlowDeps, turn: Turn, data: unknown) => Promise<AdaptiveCard>;

/** Card verbs and the flow step each one runs. */
const cardActions: Record<string, CardAction> = {
  'device.search': (deps, turn, data) => searchDevices(deps, turn, queryOf(data)),
  'device.pick': pickDevice,
  'device.send': sendToDevice,
  'device.edit': editDeviceDraft,
  'device.cancel': cancelDeviceDraft,
  'groups.start': (deps, turn) => startGroupWizard(deps, turn),
  'groups.basics.next': submitBasics,
  'groups.search': searchGroups,
  'groups.add': addGroup,
  'groups.remove': removeGroup,
  'groups.assignments.next': submitAssignments,
  'groups.back': goBack,
  'groups.create': createGroupNotification,
  'groups.edit': reopenReview,
  'groups.cancel': cancelGroupDraft,
};

interface AppParts {
  adapter: BotAdapter;
  botAppId: string;
  deps: FlowDeps;
}

export interface TeamsAppOptions {
  adapter: BotAdapter;
  botAppId: string;
  deps: FlowDeps;
}

/** Routes Teams activities to the flows. Wiring only: the flows know nothing of teams-ai. */
export function createTeamsApp({ adapter, botAppId, deps }: TeamsAppOptions): Application<TurnState> {
  const app = new Application<TurnState>({ adapter, botAppId, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });
  const parts: AppParts = { adapter, botAppId, deps };
  const turnOf = (context: TurnContext) => createTurn(context, parts);

  app.message(/^\s*help\s*$/i, async (context) => {
    await replyWithCard(context, parts, (turn) => showHelp(deps, turn));
  });
  app.message(/^\s*notify\s+device\b/i, async (context) => {
    const query = (context.activity.text ?? '').trim().replace(/^notify\s+device\b/i, '');
    await replyWithCard(context, parts, (turn) => searchDevices(deps, turn, query));
  });
  app.message(/^\s*notify\s+groups\s*$/i, async (context) => {
    await replyWithCard(context, parts, (turn) => startGroupWizard(deps, turn));
  });

  for (const [verb, action] of Object.entries(cardActions)) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      try {
        const turn = turnOf(context);
        const card = await cardWithin(deps, turn, action(deps, turn, data), (error) => lateErrorCard(deps, turn, verb, data, error));
        // Cards are plain objects checked by the cards tests; teams-ai only needs `type: 'AdaptiveCard'`.
        return card as unknown as TeamsAiCard;
      } catch (error) {
        await respondWithError(context, error);
        return '';
      }
    });
    // Clients without Universal Actions fall back to Action.Submit, which arrives as a message with a value.
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      await replyWithCard(context, parts, (turn) => action(deps, turn, data));
    });
  }

  app.adaptiveCards.actionExecute(/.*/, async (context) => {
    await respondWithError(context, new AppError('invalid_input', 'This button is no longer supported, so nothing was done. Type "help" to start again.'));
    return '';
  });
  app.activity('message', async (context) => {
    const preface = 'Intune Notify did not recognise that message. These are the commands you can use:';
    await replyWithCard(context, parts, (turn) => showHelp(deps, turn, preface));
  });

  return app;
}

// Bot Framework gives up on a message after about 15 s; a slow reply is posted as "Working on it…" first.
const messageAnswerDeadlineMs = 4000;

/**
 * Replies to a typed command or an Action.Submit click. A Submit result replaces the clicked card, as
 * an Action.Execute result does. When the reply takes longer than messageAnswerDeadlineMs, a "Working
 * on it…" card goes out at once and is replaced by the reply, or by its error, when it is ready.
 */
async function replyWithCard(context: TurnContext, app: AppParts, build: (turn: Turn) => Promise<AdaptiveCard>): Promise<void> {
  try {
    const turn = createTurn(context, app);
    const reply = build(turn);
    const early = await settleWithin(reply, messageAnswerDeadlineMs);
    if (early.settled) {
      await showCard(context, early.value);
      return;
    }

    const workingId = await showCard(context, workingCard());
    const later = laterUpdatesFor(context, workingId, app);
    app.deps.background.run('late reply', async () => {
      const card = await reply.catch((error: unknown) => errorNoticeCard(error, turn.log));
      await later.replaceCard(card);
    });
  } catch (error) {
    await respondWithError(context, error);
  }
}

/** Posts the card, or for a Submit click replaces the clicked card; returns the id of the message showing it. */
async function showCard(context: TurnContext, card: AdaptiveCard): Promise<string | undefined> {
  const clickedCardId = context.activity.value !== undefined ? context.activity.replyToId : undefined;
  if (clickedCardId) {
    await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: clickedCardId });
    return clickedCardId;
  }
  const sent = await sendCard(context, card);
  return sent?.id;
}

function queryOf(data: unknown): string {
  const query = (data as { query?: unknown } | undefined)?.query;
  return typeof query === 'string' ? query : '';
}

/** Builds the card for a step that failed after its "Working on it…" response: the step again with the error, or a notice. */
async function lateErrorCard(deps: FlowDeps, turn: Turn, verb: string, data: unknown, error: unknown): Promise<AdaptiveCard> {
  const notice = errorNoticeCard(error, turn.log);
  const message = describeError(error).userMessage;
  try {
    return (await recoveryCard(deps, turn, verb, data, message)) ?? notice;
  } catch (recoveryError) {
    turn.log.warn({ err: recoveryError }, 'could not rebuild the step after a late failure');
    return notice;
  }
}
