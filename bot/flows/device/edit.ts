import { cancelledCard } from '../../../cards/cancelled.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { DEVICE_QUOTA } from '../../policy/limits.js';
import type { FlowDeps, Turn } from '../turn.js';
import { parseCardData } from '../card-data.js';
import { draftRef } from './card-data.js';
import { composeCardFor } from './compose.js';
import { loadDeviceDraft } from './draft.js';
import { stateCardFor } from './state-card.js';

/** "Edit and retry": reopens the compose card of a draft whose send failed, with its text kept. */
export async function editDeviceDraft(deps: FlowDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { draftId } = parseCardData(draftRef, data, 'device');
  const loaded = await loadDeviceDraft(deps, turn, draftId);
  if (loaded.draft.state !== 'open') {
    return stateCardFor(loaded);
  }

  const usage = await deps.store.deviceQuotaUsage(turn.tenantId, loaded.payload.device.id, DEVICE_QUOTA, deps.now());
  return composeCardFor(loaded.draft.id, loaded.payload, usage);
}

/** Cancel: closes the draft so a late click can't send it. */
export async function cancelDeviceDraft(deps: FlowDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { draftId } = parseCardData(draftRef, data, 'device');
  const loaded = await loadDeviceDraft(deps, turn, draftId);

  const cancelled = await deps.store.setDraftState(draftId, 'open', 'cancelled', deps.now());
  if (!cancelled) {
    return stateCardFor(await loadDeviceDraft(deps, turn, draftId));
  }
  turn.log.info({ draftId }, 'device draft cancelled');
  return cancelledCard({ what: `The notification to ${loaded.payload.device.name}` });
}
