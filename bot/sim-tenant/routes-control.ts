import { z } from 'zod';
import type { SimState } from './router.js';
import type { FaultRule } from './types.js';

/**
 * The /_sim control endpoints, for users outside the process (the dev launcher, browser tests).
 * They bypass fault rules and are not recorded in `requests`.
 */
const faultRuleSchema = z.object({
  method: z.string().min(1).optional(),
  path: z.string().min(1, 'path is required'),
  status: z.number().int().min(400).max(599).optional(),
  retryAfter: z.string().optional(),
  delayMs: z.number().int().min(0).optional(),
  times: z.number().int().min(1).optional(),
  code: z.string().min(1).optional(),
}).strict();

export interface ControlResult {
  status: number;
  json?: unknown;
}

const controlError = (status: number, message: string): ControlResult => ({ status, json: { error: { code: 'BadRequest', message } } });

function addFault(body: string, state: SimState): ControlResult {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return controlError(400, 'The fault rule must be a JSON object.');
  }
  const parsed = faultRuleSchema.safeParse(payload);
  if (!parsed.success) {
    return controlError(400, `Invalid fault rule: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}.`);
  }

  let path: string | RegExp = parsed.data.path;
  if (path.startsWith('^')) {
    try {
      path = new RegExp(path);
    } catch (error) {
      return controlError(400, `Invalid fault rule: path is not a valid regular expression (${(error as Error).message}).`);
    }
  }
  const rule: FaultRule = { ...parsed.data, path };
  state.faults.add(rule);
  return { status: 204 };
}

const routes: Record<string, Partial<Record<string, (body: string, state: SimState, reset: () => void) => ControlResult>>> = {
  '/_sim/notifications': { GET: (_body, state) => ({ status: 200, json: state.sent }) },
  '/_sim/requests': { GET: (_body, state) => ({ status: 200, json: state.requests }) },
  '/_sim/faults': {
    POST: addFault,
    DELETE: (_body, state) => {
      state.faults.clear();
      return { status: 204 };
    },
  },
  '/_sim/reset': {
    POST: (_body, _state, reset) => {
      reset();
      return { status: 204 };
    },
  },
};

export function handleControl(method: string, pathname: string, body: string, state: SimState, reset: () => void): ControlResult {
  const handlers = routes[pathname.replace(/\/+$/, '')];
  if (handlers === undefined) {
    return controlError(404, `No control endpoint ${pathname}. Use /_sim/notifications, /_sim/requests, /_sim/faults or /_sim/reset.`);
  }
  const handler = handlers[method];
  if (handler === undefined) {
    return controlError(405, `${method} is not allowed on ${pathname}; use ${Object.keys(handlers).join(' or ')}.`);
  }
  return handler(body, state, reset);
}
