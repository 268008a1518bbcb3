import { CardFactory, MessageFactory, type ResourceResponse, type TurnContext } from 'botbuilder';
import { noticeCard } from '../../cards/notice.js';
import type { AdaptiveCard } from '../../cards/types.js';
import { AppError, describeError } from '../errors.js';
import type { Logger } from '../log.js';
import { turnLogger } from './turn.js';

export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<ResourceResponse | undefined> {
  return context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/**
 * Turns a failed turn into the user's message, the log line and the invoke status, in one place.
 * A card action gets an error invoke response, and a message gets a notice card in the chat.
 */
export async function respondWithError(context: TurnContext, error: unknown): Promise<void> {
  const described = describeError(error);
  logFailure(turnLogger(context), error);

  if (context.activity.type === 'invoke') {
    await context.sendActivity({
      type: 'invokeResponse',
      value: {
        status: 200,
        body: {
          statusCode: described.invokeStatus,
          type: 'application/vnd.microsoft.error',
          value: { code: described.code, message: described.userMessage },
        },
      },
    });
    return;
  }
  await sendCard(context, noticeCard({ title: 'Intune Notify could not do that', text: described.userMessage, tone: 'attention' }));
}

/** Logs a failure that shows up later, in place of the card that was clicked, and builds that card. */
export function errorNoticeCard(error: unknown, log: Logger): AdaptiveCard {
  logFailure(log, error);
  return noticeCard({ title: 'Intune Notify could not do that', text: describeError(error).userMessage, tone: 'attention' });
}

function logFailure(log: Logger, error: unknown): void {
  const described = describeError(error);
  log[described.logLevel]({ err: described.code === 'internal' ? error : undefined, code: described.code, ...described.details }, 'turn failed');
}

/** Responds to an activity no route took: an invoke gets an error response instead of a bare 501. */
export async function answerUnhandled(context: TurnContext): Promise<void> {
  const log = turnLogger(context);
  if (context.activity.type !== 'invoke') {
    log.debug('no route handled the activity');
    return;
  }
  await respondWithError(context, new AppError('invalid_input', 'Intune Notify does not support this action, so nothing was done. Type "help" to start again.', {
    details: { invokeName: context.activity.name },
  }));
}
