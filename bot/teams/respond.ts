import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { noticeCard } from '../../cards/notice.js';
import type { AdaptiveCard } from '../../cards/types.js';
import { describeError } from '../errors.js';
import { turnLogger } from './turn.js';

export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/**
 * Turns a failed turn into the user's message, the log line and the invoke status, in one place.
 * A card action gets an error invoke response, and a message gets a notice card in the chat.
 */
export async function respondWithError(context: TurnContext, error: unknown): Promise<void> {
  const described = describeError(error);
  const log = turnLogger(context);
  log[described.logLevel]({ err: described.code === 'internal' ? error : undefined, code: described.code, ...described.details }, 'turn failed');

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
  await sendCard(context, noticeCard({ title: 'Nothing was sent', text: described.userMessage, tone: 'attention' }));
}
