import { groupReviewCard } from '../../../cards/group-review.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { graphErrorToAppError } from '../../graph/describe-graph-error.js';
import { GROUP_QUOTA } from '../../policy/limits.js';
import { formatTime } from '../format-time.js';
import { mapWithConcurrency } from '../map-concurrent.js';
import type { FlowDeps } from '../turn.js';
import type { GroupDraft } from './draft.js';
import { saveDraft } from './step.js';

// Member counts are one Graph call per group; a few at a time stays well inside Graph's limits.
const countConcurrency = 5;

/**
 * Shows Review + Create and records that this exact content was reviewed, so Create sends only what
 * the user saw on this card.
 */
export async function showReview(deps: FlowDeps, current: GroupDraft, error?: string): Promise<AdaptiveCard> {
  const reviewed = await saveDraft(deps, current, current.payload, { reviewed: true });
  return buildReviewCard(deps, reviewed, error);
}

/** Review + Create: the exact text, who each group reaches, and the tenant's quota left this hour. */
export async function buildReviewCard(deps: FlowDeps, { draft, payload }: GroupDraft, error?: string): Promise<AdaptiveCard> {
  const groups = await mapWithConcurrency(payload.groups, countConcurrency, async (group) => {
    const counts = await deps.groups.memberCounts(group.id).catch((failure: unknown) => {
      throw graphErrorToAppError(failure, 'readDirectory');
    });
    return { id: group.id, name: group.name, users: counts.users, devices: counts.devices, warning: warningFor(counts) };
  });
  const usage = await deps.store.groupQuotaUsage(draft.tenantId, GROUP_QUOTA, deps.now());

  return groupReviewCard({
    draftId: draft.id,
    title: payload.title,
    body: payload.body,
    groups,
    quota: { used: usage.used, limit: usage.limit, nextSlotAt: usage.nextSlotAt ? formatTime(usage.nextSlotAt) : undefined },
    error,
  });
}

function warningFor(counts: { users: number; devices: number }): string | undefined {
  if (counts.users === 0 && counts.devices > 0) {
    return 'This group has only devices. Intune ignores devices in groups, so nobody is notified through it.';
  }
  if (counts.users === 0) {
    return 'This group has no users, so nobody is notified through it.';
  }
  if (counts.devices > 0) {
    return `Intune ignores the ${counts.devices} device members; only the users' own devices are notified.`;
  }
  return undefined;
}
