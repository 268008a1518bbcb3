import { AppError } from '../errors.js';
import { graphErrorToAppError, type GraphOperation } from '../graph/describe-graph-error.js';
import { GraphRequestError } from '../graph/graph-error.js';
import type { FlowDeps } from './turn.js';

export interface SendFailure {
  /** True when Graph may have sent it (a timeout or a gateway error on the POST). */
  outcomeUnknown: boolean;
  error: AppError;
  at: Date;
}

/**
 * Records a failed Graph send on its attempt. An unknown outcome closes the draft as unknown, so it is
 * never sent blindly again. A definite failure reopens the draft, so the user can retry.
 */
export async function recordSendFailure(deps: FlowDeps, attemptId: string, failure: unknown, operation: GraphOperation): Promise<SendFailure> {
  const graphError = failure instanceof GraphRequestError ? failure : undefined;
  const error = graphErrorToAppError(failure, operation);
  const at = deps.now();

  if (graphError?.outcomeUnknown) {
    await deps.store.finishAttempt({
      attemptId,
      outcome: 'unknown',
      draftState: 'unknown',
      now: at,
      graphStatus: graphError.status === 0 ? undefined : graphError.status,
      graphRequestId: graphError.requestId,
      errorCode: graphError.code,
    });
    return { outcomeUnknown: true, error, at };
  }
  await deps.store.finishAttempt({
    attemptId,
    outcome: 'failed',
    draftState: 'open',
    now: at,
    graphStatus: graphError?.status,
    graphRequestId: graphError?.requestId,
    errorCode: graphError?.code ?? error.code,
  });
  return { outcomeUnknown: false, error, at };
}
