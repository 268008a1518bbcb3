/** An Adaptive Card as sent in an attachment or an invoke response (schema 1.5). */
export type AdaptiveCard = Record<string, unknown>;

/** The facts about a target device that every single-device card shows. */
export interface DeviceFacts {
  name: string;
  user: string;
  platform: string;
}

/** Colour of a status message, named after the Adaptive Card `color` values it maps to. */
export type Tone = 'info' | 'good' | 'warning' | 'attention';

const toneColors: Record<Tone, string> = {
  info: 'Accent',
  good: 'Good',
  warning: 'Warning',
  attention: 'Attention',
};

export function colorForTone(tone: Tone): string {
  return toneColors[tone];
}

/**
 * Prepares user text for display in a TextRun. TextRun shows no markdown, but Adaptive Card renderers
 * still replace `{{DATE(...)}}` and `{{TIME(...)}}` with a formatted date (adaptivecards 3.0.6
 * `text-formatters`). A word joiner (U+2060, invisible) between the braces keeps such text literal.
 * Input values are not rendered through the formatters, so they take the original text.
 */
export function literal(text: string): string {
  return text.replace(/\{\{(?=(?:DATE|TIME)\()/gi, '{\u2060{');
}

export function literalDevice(device: DeviceFacts): DeviceFacts {
  return { name: literal(device.name), user: literal(device.user), platform: literal(device.platform) };
}

/**
 * Maps an optional text to the template fields that show it, prepared with `literal`. Templating leaves
 * a `${name}` unexpanded when `name` is missing from the data, so every field a template reads must be present.
 */
export function optionalText(text: string | undefined): { show: boolean; text: string } {
  if (text === undefined || text === '') {
    return { show: false, text: '' };
  }
  return { show: true, text: literal(text) };
}
