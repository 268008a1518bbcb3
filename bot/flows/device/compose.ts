import { deviceComposeCard } from '../../../cards/device-compose.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from '../../policy/limits.js';
import type { QuotaUsage } from '../../storage/store.js';
import { formatTime } from '../format-time.js';
import type { DeviceDraftPayload } from './draft.js';

export interface ComposeErrors {
  title?: string;
  body?: string;
  form?: string;
}

/** Builds the compose card for a draft, with the values the user typed kept and any errors shown inline. */
export function composeCardFor(draftId: string, payload: DeviceDraftPayload, usage: QuotaUsage, errors?: ComposeErrors): AdaptiveCard {
  return deviceComposeCard({
    draftId,
    device: { name: payload.device.name, user: payload.device.user, platform: payload.device.platform },
    title: payload.title,
    body: payload.body,
    errors,
    limits: { title: TITLE_MAX_LENGTH, body: BODY_MAX_LENGTH },
    counts: { title: payload.title.length, body: payload.body.length },
    quota: { used: usage.used, limit: usage.limit, nextSlotAt: usage.nextSlotAt ? formatTime(usage.nextSlotAt) : undefined },
    androidCaution: payload.device.android,
  });
}
