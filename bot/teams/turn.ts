import { CardFactory, MessageFactory, TurnContext, type ConversationReference } from 'botbuilder';
import { AppError } from '../errors.js';
import type { LaterUpdates, Turn } from '../flows/turn.js';
import type { Logger, TurnFields } from '../log.js';
import type { BotAdapter } from './adapter.js';
import { activityTenantId } from './tenant-gate.js';

const loggerKey = Symbol('turn logger');

/** Returns the verb of a card action, from an Action.Execute invoke or an Action.Submit message. */
export function activityVerb(context: TurnContext): string | undefined {
  const value = context.activity.value as { action?: { verb?: unknown }; verb?: unknown } | undefined;
  const verb = value?.action?.verb ?? value?.verb;
  return typeof verb === 'string' ? verb : undefined;
}

/** Returns the ids every log line of this turn carries. */
export function turnLogFields(context: TurnContext): TurnFields {
  const activity = context.activity;
  return {
    activityId: activity.id,
    conversationId: activity.conversation?.id,
    tenantId: activityTenantId(activity),
    activityType: activity.type,
    verb: activityVerb(context) ?? commandWord(activity.text),
  };
}

/**
 * Stores the turn's logger. The ids come from withTurnFields around the whole turn, so lines written
 * by the Graph client and the permission check carry them too.
 */
export function attachTurnLogger(context: TurnContext, log: Logger): Logger {
  context.turnState.set(loggerKey, log);
  return log;
}

export function turnLogger(context: TurnContext): Logger {
  return context.turnState.get(loggerKey) as Logger;
}

export interface TurnFactoryOptions {
  adapter: BotAdapter;
  botAppId: string;
}

/** Builds the flow-facing Turn from a Teams turn context. */
export function createTurn(context: TurnContext, options: TurnFactoryOptions): Turn {
  const activity = context.activity;
  const aadObjectId = activity.from?.aadObjectId;
  if (!aadObjectId) {
    throw new AppError('forbidden', 'Your Teams account did not identify you with an Entra ID (Azure AD) account, so Intune Notify can\'t check your Intune role. Use Teams signed in with your work account.');
  }

  return {
    caller: { aadObjectId: aadObjectId.toLowerCase(), name: activity.from.name ?? '' },
    tenantId: activityTenantId(activity) ?? '',
    log: turnLogger(context),
    later: laterUpdatesFor(context, activity.replyToId, options),
  };
}

/** Updates for after the turn: replaceCard replaces the message with cardActivityId in this conversation. */
export function laterUpdatesFor(context: TurnContext, cardActivityId: string | undefined, options: TurnFactoryOptions): LaterUpdates {
  const reference = TurnContext.getConversationReference(context.activity);
  const continueWith = (logic: (context: TurnContext) => Promise<void>) =>
    options.adapter.continueConversationAsync(options.botAppId, reference, logic);

  return {
    replaceCard: async (card) => {
      if (!cardActivityId) {
        return;
      }
      await continueWith(async (context) => {
        const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
        update.id = cardActivityId;
        await context.updateActivity(update);
      });
    },
    sendText: async (text) => {
      await continueWith(async (context) => {
        // Plain text: device and group names come from the directory and must not be read as markdown.
        await context.sendActivity({ ...MessageFactory.text(text), textFormat: 'plain' });
      });
    },
  };
}

function commandWord(text: string | undefined): string | undefined {
  const words = text?.trim().toLowerCase().split(/\s+/).slice(0, 2);
  return words && words[0] ? words.join(' ') : undefined;
}
