import type { SendOutcome } from './device-outcome.js';
import { displayGroupNames } from './group-name.js';
import { renderCard } from './render.js';
import { literal, optionalText, type AdaptiveCard } from './types.js';

export interface GroupOutcomeCardData {
  /** `unknown` means Graph timed out, so the bot can't tell whether Intune accepted the notification. */
  outcome: SendOutcome;
  title: string;
  body: string;
  groups: Array<{ name: string }>;
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
 * Builds the final card of a group send. Only a failed send offers a button, and that button
 * reopens the draft for editing: nothing on this card sends again by itself.
 */
export function groupOutcomeCard(data: GroupOutcomeCardData): AdaptiveCard {
  const isFailed = data.outcome === 'failed';
  const message = isFailed && (data.message === undefined || data.message === '') ? 'The notification was not sent.' : data.message;
  const groupCount = data.groups.length;

  return renderCard('group-outcome', {
    isSent: data.outcome === 'sent',
    isFailed,
    isUnknown: data.outcome === 'unknown',
    sentHeading: `Sent to ${groupCount} ${groupCount === 1 ? 'group' : 'groups'}`,
    message: { ...optionalText(message), color: messageColors[data.outcome] },
    groups: displayGroupNames(data.groups),
    title: literal(data.title),
    body: literal(data.body),
    timeLabel: data.outcome === 'sent' ? 'Sent at ' : 'Attempted at ',
    at: literal(data.at),
    requestId: optionalText(data.requestId),
    canRetry: isFailed && data.draftId !== undefined && data.draftId !== '',
    draftId: data.draftId ?? '',
  });
}
