import { displayGroupName } from './group-name.js';
import { renderCard } from './render.js';
import { literal, optionalText, type AdaptiveCard } from './types.js';

/** A chosen group with its member counts, as the review step shows them. */
export interface ReviewGroup {
  id: string;
  name: string;
  users: number;
  /** Devices that are members of the group: Intune ignores them. */
  devices: number;
  /** Shown under the group in the warning colour, for example "This group has no users." */
  warning?: string;
}

export interface GroupReviewCardData {
  draftId: string;
  title: string;
  body: string;
  groups: ReviewGroup[];
  /** Group notifications sent in this tenant in the last hour. `nextSlotAt` is a display time. */
  quota: { used: number; limit: number; nextSlotAt?: string };
  /** Shown on top in the attention colour. */
  error?: string;
}

/**
 * Builds step 3 of `notify groups` (Review + Create): the exact title and body, the groups with
 * their member counts, the tenant's hourly quota and the `Create`, `Back` and `Cancel` buttons.
 */
export function groupReviewCard(data: GroupReviewCardData): AdaptiveCard {
  const quotaFull = data.quota.used >= data.quota.limit;
  const groups = data.groups.map((group) => ({
    name: displayGroupName(group.name),
    usersText: countOf(group.users, 'user', 'users'),
    hasDevices: group.devices > 0,
    devicesText: `${countOf(group.devices, 'device', 'devices')} (ignored)`,
    warning: optionalText(group.warning),
  }));

  return renderCard('group-review', {
    draftId: data.draftId,
    title: literal(data.title),
    body: literal(data.body),
    groups,
    quota: {
      used: data.quota.used,
      limit: data.quota.limit,
      color: quotaFull ? 'Attention' : 'Default',
      nextSlot: optionalText(data.quota.nextSlotAt),
    },
    error: optionalText(data.error),
  });
}

function countOf(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
