import { renderCard } from './render.js';
import { literal, literalDevice, type AdaptiveCard, type DeviceFacts } from './types.js';

export interface DeviceSendingCardData {
  device: DeviceFacts;
  title: string;
  body: string;
}

/** Builds the card shown while the Graph call runs, with the exact title and body being sent. */
export function deviceSendingCard(data: DeviceSendingCardData): AdaptiveCard {
  return renderCard('device-sending', {
    device: literalDevice(data.device),
    title: literal(data.title),
    body: literal(data.body),
  });
}
