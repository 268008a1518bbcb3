import { renderCard } from './render.js';
import { outcomeFields, type OutcomeData } from './outcome-fields.js';
import { literalDevice, type AdaptiveCard, type DeviceFacts } from './types.js';

export type { SendOutcome } from './outcome-fields.js';

export interface DeviceOutcomeCardData extends OutcomeData {
  device: DeviceFacts;
}

/** Builds the final card of a device send. */
export function deviceOutcomeCard(data: DeviceOutcomeCardData): AdaptiveCard {
  return renderCard('device-outcome', {
    ...outcomeFields(data),
    device: literalDevice(data.device),
  });
}
