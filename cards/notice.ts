import { renderCard } from './render.js';
import { colorForTone, literal, type AdaptiveCard, type Tone } from './types.js';

export interface NoticeCardData {
  title: string;
  text: string;
  tone: Tone;
}

/** Builds a status or error card; both texts show literally. */
export function noticeCard(data: NoticeCardData): AdaptiveCard {
  return renderCard('notice', {
    title: literal(data.title),
    text: literal(data.text),
    color: colorForTone(data.tone),
  });
}
