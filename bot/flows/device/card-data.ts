import { z } from 'zod';

/** Card action payloads of the device flow, as the card sends them back (inputs merged into data). */
export const searchData = z.object({
  query: z.string().max(1000).optional().default(''),
});

export const pickData = z.object({
  searchId: z.string().uuid(),
  deviceId: z.string().min(1).max(128),
});

/** Title and body stay unknown here: the text policy checks them so a bad value comes back with its message. */
export const sendData = z.object({
  draftId: z.string().uuid(),
  title: z.unknown(),
  body: z.unknown(),
});

export const draftRef = z.object({
  draftId: z.string().uuid(),
});
