import type { z } from 'zod';
import { AppError } from '../errors.js';
import type { DraftKind } from '../storage/store.js';
import { startAgain } from './drafts.js';

/** Parses a card action's data with its schema, or throws the rejection the user should read. */
export function parseCardData<T extends z.ZodTypeAny>(schema: T, data: unknown, flow: DraftKind): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || issue.message).join(', ');
    throw new AppError('invalid_input', `This card sent data the bot could not accept, so nothing was done. ${startAgain[flow]}`, {
      details: { invalidFields: fields },
    });
  }
  return parsed.data;
}
