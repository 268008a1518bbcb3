/**
 * The bot's coded errors. Every failure a user can meet is one of these codes, and describeError
 * is the one place that turns a code into the user's message, the log level and the invoke status.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'tenant_not_allowed'
  | 'forbidden'
  | 'not_found'
  | 'device_not_eligible'
  | 'quota_exceeded'
  | 'already_handled'
  | 'draft_expired'
  | 'graph_throttled'
  | 'graph_permission_missing'
  | 'graph_rejected'
  | 'graph_unavailable'
  | 'graph_timeout'
  | 'permission_check_failed'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Message for the user: what failed and what to do next. */
    readonly userMessage: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.details = options?.details ?? {};
  }

  readonly details: Record<string, unknown>;
}

export interface ErrorDescription {
  code: ErrorCode;
  userMessage: string;
  logLevel: 'warn' | 'error';
  /** statusCode of the adaptive card invoke error response: 400 for what the user can fix, 500 otherwise. */
  invokeStatus: 400 | 500;
  details: Record<string, unknown>;
}

// The Teams Universal Actions docs list 400 and 500 for an adaptive card error response, so the code field carries the distinction.
const statusByCode: Record<ErrorCode, 400 | 500> = {
  invalid_input: 400,
  tenant_not_allowed: 400,
  forbidden: 400,
  not_found: 400,
  device_not_eligible: 400,
  quota_exceeded: 400,
  already_handled: 400,
  draft_expired: 400,
  graph_throttled: 500,
  graph_permission_missing: 500,
  graph_rejected: 500,
  graph_unavailable: 500,
  graph_timeout: 500,
  permission_check_failed: 500,
  internal: 500,
};

const internalMessage = 'Something went wrong on the bot\'s side and nothing was sent. Try again; if it keeps failing, give your IT admin the time of this message so they can find it in the bot\'s log.';

export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) {
    return error;
  }
  return new AppError('internal', internalMessage, { cause: error });
}

export function describeError(error: unknown): ErrorDescription {
  const appError = asAppError(error);
  const serverSide = appError.code === 'internal' || appError.code.startsWith('graph_') || appError.code === 'permission_check_failed';
  return {
    code: appError.code,
    userMessage: appError.userMessage,
    logLevel: serverSide ? 'error' : 'warn',
    invokeStatus: statusByCode[appError.code],
    details: appError.details,
  };
}
