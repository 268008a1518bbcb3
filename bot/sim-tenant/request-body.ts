import type { z } from 'zod';
import { badRequest } from './graph-error.js';
import { headerValue, type RouteContext } from './router.js';

const unreadablePayload = 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

/** Parses the request body as JSON and validates it; every failure is a 400 BadRequest naming the problem. */
export function readJsonBody<Schema extends z.ZodTypeAny>(context: RouteContext, schema: Schema): z.infer<Schema> {
  const contentType = headerValue(context.headers, 'content-type') ?? '';
  if (!contentType.toLowerCase().includes('application/json')) {
    throw badRequest(`${unreadablePayload} The Content-Type was '${contentType}'.`);
  }

  let payload: unknown;
  try {
    payload = JSON.parse(context.body);
  } catch {
    throw badRequest(unreadablePayload);
  }

  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw badRequest(`Invalid request body: ${problems.join('; ')}.`);
  }
  return parsed.data;
}
