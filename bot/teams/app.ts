import { Application, TurnState, type AdaptiveCard as TeamsAiCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/types.js';
import { AppError } from '../errors.js';
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
import { cardWithin } from '../flows/deliver-later.js';
import type { FlowDeps, Turn } from '../flows/turn.js';
import type { BotAdapter } from './adapter.js';
import { errorNoticeCard, respondWithError, sendCard } from './respond.js';
import { createTurn } from './turn.js';

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

export interface TeamsAppOptions {
  adapter: BotAdapter;
  botAppId: string;
  deps: FlowDeps;
}

/** Routes Teams activities to the flows. Wiring only: the flows know nothing of teams-ai. */
export function createTeamsApp({ adapter, botAppId, deps }: TeamsAppOptions): Application<TurnState> {
  const app = new Application<TurnState>({ adapter, botAppId, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });
  const turnOf = (context: TurnContext) => createTurn(context, { adapter, botAppId });

  app.message(/^\s*help\s*$/i, async (context) => {
    await replyWithCard(context, () => showHelp(deps, turnOf(context)));
  });
  app.message(/^\s*notify\s+device\b/i, async (context) => {
    const query = (context.activity.text ?? '').trim().replace(/^notify\s+device\b/i, '');
    await replyWithCard(context, () => searchDevices(deps, turnOf(context), query));
  });
  app.message(/^\s*notify\s+groups\s*$/i, async (context) => {
    await replyWithCard(context, () => startGroupWizard(deps, turnOf(context)));
  });

  for (const [verb, action] of Object.entries(cardActions)) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      try {
        const turn = turnOf(context);
        const card = await cardWithin(deps, turn, action(deps, turn, data), (error) => errorNoticeCard(error, turn.log));
        // Cards are plain objects checked by the cards tests; teams-ai only needs `type: 'AdaptiveCard'`.
        return card as unknown as TeamsAiCard;
      } catch (error) {
        await respondWithError(context, error);
        return '';
      }
    });
    // Clients without Universal Actions fall back to Action.Submit, which arrives as a message with a value.
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      await replyWithCard(context, () => action(deps, turnOf(context), data));
    });
  }

  app.adaptiveCards.actionExecute(/.*/, async (context) => {
    await respondWithError(context, new AppError('invalid_input', 'This button is no longer supported, so nothing was done. Type "help" to start again.'));
    return '';
  });
  app.activity('message', async (context) => {
    const preface = 'Intune Notify did not recognise that message. These are the commands you can use:';
    await replyWithCard(context, () => showHelp(deps, turnOf(context), preface));
  });

  return app;
}

async function replyWithCard(context: TurnContext, build: () => Promise<AdaptiveCard>): Promise<void> {
  try {
    await sendCard(context, await build());
  } catch (error) {
    await respondWithError(context, error);
  }
}

function queryOf(data: unknown): string {
  const query = (data as { query?: unknown } | undefined)?.query;
  return typeof query === 'string' ? query : '';
}
