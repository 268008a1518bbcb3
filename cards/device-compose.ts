import { renderCard } from './render.js';
import { textInputFields, type TextInputsData } from './text-inputs.js';
import { literalDevice, optionalText, type AdaptiveCard, type DeviceFacts } from './types.js';

export interface DeviceComposeCardData extends TextInputsData {
  device: DeviceFacts;
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
    ...textInputFields(data),
    device: literalDevice(data.device),
    quota: {
      used: data.quota.used,
      limit: data.quota.limit,
      color: quotaFull ? 'Attention' : 'Default',
      nextSlot: optionalText(data.quota.nextSlotAt),
    },
    androidCaution: data.androidCaution,
  });
}
