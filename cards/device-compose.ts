import { describeLength } from './length-hint.js';
import { renderCard } from './render.js';
import { literalDevice, optionalText, type AdaptiveCard, type DeviceFacts } from './types.js';

export interface DeviceComposeCardData {
  draftId: string;
  device: DeviceFacts;
  /** Typed values, kept when the card comes back with errors. */
  title: string;
  body: string;
  /** Inline errors: `title` and `body` show under their field, `form` at the top of the card. */
  errors?: { title?: string; body?: string; form?: string };
  limits: { title: number; body: number };
  /** Lengths of `title` and `body` as the server counts them (UTF-16 code units after NFC). */
  counts: { title: number; body: number };
  /** Notifications this device received in the last hour; `nextSlotAt` is a display time. */
  quota: { used: number; limit: number; nextSlotAt?: string };
  androidCaution: boolean;
}

/**
 * Builds the compose step of `notify device`: device facts, the Title and Body inputs with their
 * limits, the hourly quota and the `Send` and `Cancel` buttons. `Send` carries the inputs;
 * `Cancel` carries none, so the client doesn't validate them first.
 */
export function deviceComposeCard(data: DeviceComposeCardData): AdaptiveCard {
  const quotaFull = data.quota.used >= data.quota.limit;

  return renderCard('device-compose', {
    draftId: data.draftId,
    device: literalDevice(data.device),
    title: data.title,
    body: data.body,
    limits: data.limits,
    titleLength: describeLength(data.counts.title, data.limits.title),
    bodyLength: describeLength(data.counts.body, data.limits.body),
    formError: optionalText(data.errors?.form),
    titleError: optionalText(data.errors?.title),
    bodyError: optionalText(data.errors?.body),
    quota: {
      used: data.quota.used,
      limit: data.quota.limit,
      color: quotaFull ? 'Attention' : 'Default',
      nextSlot: optionalText(data.quota.nextSlotAt),
    },
    androidCaution: data.androidCaution,
  });
}
