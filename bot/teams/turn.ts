import { CardFactory, MessageFactory, TurnContext, type ConversationReference } from 'botbuilder';
import { AppError } from '../errors.js';
import type { LaterUpdates, Turn } from '../flows/turn.js';
import type { Logger } from '../log.js';
import type { BotAdapter } from './adapter.js';
import { activityTenantId } from './tenant-gate.js';

const loggerKey = Symbol('turn logger');

/** Returns the verb of a card action, from an Action.Execute invoke or an Action.Submit message. */
export function activityVerb(context: TurnContext): string | undefined {
  const value = context.activity.value as { action?: { verb?: unknown }; verb?: unknown } | undefined;
  const verb = value?.action?.verb ?? value?.verb;
  return typeof verb === 'string' ? verb : undefined;
}

/** Attaches a child logger carrying the turn's ids; every log line of the turn goes through it. */
export function attachTurnLogger(context: TurnContext, base: Logger): Logger {
  const activity = context.activity;
  const log = base.child({
    activityId: activity.id,
    conversationId: activity.conversation?.id,
    tenantId: activityTenantId(activity),
    activityType: activity.type,
    verb: activityVerb(context) ?? commandWord(activity.text),
  });
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
    later: laterUpdates(TurnContext.getConversationReference(activity), activity.replyToId, options),
  };
}

function laterUpdates(reference: Partial<ConversationReference>, cardActivityId: string | undefined, options: TurnFactoryOptions): LaterUpdates {
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
        await context.sendActivity(MessageFactory.text(text));
      });
    },
  };
}

function commandWord(text: string | undefined): string | undefined {
  const words = text?.trim().toLowerCase().split(/\s+/).slice(0, 2);
  return words && words[0] ? words.join(' ') : undefined;
}
