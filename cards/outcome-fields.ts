import { literal, optionalText } from './types.js';

export type SendOutcome = 'sent' | 'failed' | 'unknown';

/** The facts every outcome card shows, whether the send went to a device or to groups. */
export interface OutcomeData {
  /** `unknown` means Graph never confirmed the send, so the bot can't tell whether Intune accepted it. */
  outcome: SendOutcome;
  title: string;
  body: string;
  /** When the send was attempted, already formatted for display. */
  at: string;
  /** The `request-id` response header of the Graph call. */
  requestId?: string;
  message?: string;
  /** With a failed outcome, adds an `Edit and retry` button that reopens this draft. */
  draftId?: string;
}

const messageColors: Record<SendOutcome, string> = {
  sent: 'Default',
  failed: 'Attention',
  unknown: 'Warning',
};

/**
 * Returns the template fields shared by the outcome cards. Only a failed send offers a button, and
 * that button reopens the draft for editing: nothing on an outcome card sends again by itself.
 */
export function outcomeFields(data: OutcomeData) {
  const isFailed = data.outcome === 'failed';
  const message = isFailed && (data.message === undefined || data.message === '') ? 'The notification was not sent.' : data.message;

  return {
    isSent: data.outcome === 'sent',
    isFailed,
    isUnknown: data.outcome === 'unknown',
    message: { ...optionalText(message), color: messageColors[data.outcome] },
    title: literal(data.title),
    body: literal(data.body),
    timeLabel: data.outcome === 'sent' ? 'Sent at ' : 'Attempted at ',
    at: literal(data.at),
    requestId: optionalText(data.requestId),
    canRetry: isFailed && data.draftId !== undefined && data.draftId !== '',
    draftId: data.draftId ?? '',
  };
}
