import { cancelledCard } from '../../../cards/cancelled.js';
import { groupOutcomeCard } from '../../../cards/group-outcome.js';
import { groupSendingCard } from '../../../cards/group-sending.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { formatTime } from '../format-time.js';
import type { GroupDraft } from './draft.js';

/** Builds the card for a group draft that is no longer open, so a late or repeated click sends nothing. */
export function groupStateCard({ draft, payload }: GroupDraft): AdaptiveCard {
  const groups = payload.groups.map((group) => ({ name: group.name }));
  const at = formatTime(draft.updatedAt);

  switch (draft.state) {
    case 'sending':
      return groupSendingCard({ title: payload.title, body: payload.body, groups });
    case 'sent':
      return groupOutcomeCard({ outcome: 'sent', title: payload.title, body: payload.body, groups, at, message: 'This notification was already sent; it was not sent again.' });
    case 'unknown':
      return groupOutcomeCard({
        outcome: 'unknown',
        title: payload.title,
        body: payload.body,
        groups,
        at,
        message: 'Microsoft Graph never confirmed this send, so the bot can\'t tell whether the notification went out. It was not sent again. Ask a few recipients whether it arrived before sending it once more.',
      });
    case 'cancelled':
      return cancelledCard({ what: 'The group notification' });
    case 'open':
      throw new Error('groupStateCard is only for drafts that are no longer open');
  }
}
