import { deviceSearchCard } from '../../cards/device-search.js';
import type { AdaptiveCard } from '../../cards/types.js';
import { z } from 'zod';
import { DEVICE_QUOTA } from '../policy/limits.js';
import { composeCardFor } from './device/compose.js';
import { loadDeviceDraft } from './device/draft.js';
import { stateCardFor } from './device/state-card.js';
import { loadGroupDraft } from './groups/draft.js';
import { groupStateCard } from './groups/state-card.js';
import { assignmentsCardFor, basicsCardFor } from './groups/step-cards.js';
import type { FlowDeps, Turn } from './turn.js';

const draftData = z.object({ draftId: z.string().uuid() }).passthrough();
const searchData = z.object({ searchId: z.string().uuid() }).passthrough();
const queryData = z.object({ query: z.string().max(1000) }).passthrough();

/**
 * Builds the card that replaces a clicked card whose step failed after its "Working on it…"
 * response: the step the user was on, with the error, so nothing typed or selected is lost.
 * Returns undefined when there is no such step to go back to.
 */
export async function recoveryCard(deps: FlowDeps, turn: Turn, verb: string, data: unknown, message: string): Promise<AdaptiveCard | undefined> {
  if (verb.startsWith('groups.') && verb !== 'groups.start') {
    return recoverGroupStep(deps, turn, verb, data, message);
  }
  if (verb === 'device.search') {
    const input = queryData.safeParse(data);
    return deviceSearchCard({ query: input.success ? input.data.query : '', error: message });
  }
  if (verb === 'device.pick') {
    const input = searchData.safeParse(data);
    const search = input.success ? await deps.store.getDeviceSearch(input.data.searchId) : undefined;
    return deviceSearchCard({ query: search?.query ?? '', error: message });
  }
  if (verb === 'device.send' || verb === 'device.edit') {
    return recoverDeviceDraft(deps, turn, data, message);
  }
  return undefined;
}

async function recoverGroupStep(deps: FlowDeps, turn: Turn, verb: string, data: unknown, message: string): Promise<AdaptiveCard | undefined> {
  const input = draftData.safeParse(data);
  if (!input.success) {
    return undefined;
  }

  const current = await loadGroupDraft(deps, turn, input.data.draftId);
  if (current.draft.state !== 'open') {
    return groupStateCard(current);
  }
  return verb === 'groups.basics.next'
    ? basicsCardFor(current.draft.id, current.payload, { form: message })
    : assignmentsCardFor(current.draft.id, current.payload, { error: message });
}

async function recoverDeviceDraft(deps: FlowDeps, turn: Turn, data: unknown, message: string): Promise<AdaptiveCard | undefined> {
  const input = draftData.safeParse(data);
  if (!input.success) {
    return undefined;
  }

  const current = await loadDeviceDraft(deps, turn, input.data.draftId);
  if (current.draft.state !== 'open') {
    return stateCardFor(current);
  }
  const usage = await deps.store.deviceQuotaUsage(turn.tenantId, current.payload.device.id, DEVICE_QUOTA, deps.now());
  return composeCardFor(current.draft.id, current.payload, usage, { form: message });
}
