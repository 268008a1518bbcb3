import { cancelledCard } from '../../../cards/cancelled.js';
import { deviceOutcomeCard } from '../../../cards/device-outcome.js';
import { deviceSendingCard } from '../../../cards/device-sending.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { formatTime } from '../format-time.js';
import type { DeviceDraft } from './draft.js';

/**
 * Builds the card for a draft that is no longer open, for a second click or a retried invoke that
 * arrives after the first one moved the draft on. It never sends anything.
 */
export function stateCardFor({ draft, payload }: DeviceDraft): AdaptiveCard {
  const device = { name: payload.device.name, user: payload.device.user, platform: payload.device.platform };
  const at = formatTime(draft.updatedAt);

  switch (draft.state) {
    case 'sending':
      return deviceSendingCard({ device, title: payload.title, body: payload.body });
    case 'sent':
      return deviceOutcomeCard({ outcome: 'sent', device, title: payload.title, body: payload.body, at, message: 'This notification was already sent; it was not sent again.' });
    case 'unknown':
      return deviceOutcomeCard({
        outcome: 'unknown',
        device,
        title: payload.title,
        body: payload.body,
        at,
        message: 'Microsoft Graph never confirmed this send, so the bot can\'t tell whether the notification was delivered. It was not sent again. Ask the user before sending it once more.',
      });
    case 'cancelled':
      return cancelledCard({ what: `The notification to ${payload.device.name}` });
    case 'open':
      throw new Error('stateCardFor is only for drafts that are no longer open');
  }
}
