import { z } from 'zod';

/*
 * Payloads of the group wizard's buttons. The groups live in the server-side draft, so card data
 * carries only the draft id and the step's inputs. .strict() rejects anything else, such as a
 * forged list of group ids.
 */
const base = { verb: z.string().optional(), draftId: z.string().uuid() };

export const draftOnly = z.object(base).strict();
export const basicsData = z.object({ ...base, title: z.unknown(), body: z.unknown() }).strict();
export const searchData = z.object({ ...base, query: z.string().max(1000).optional().default('') }).strict();
export const groupData = z.object({ ...base, groupId: z.string().min(1).max(128) }).strict();
export const backData = z.object({ ...base, step: z.enum(['basics', 'assignments']) }).strict();
