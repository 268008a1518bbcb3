import { AppError, asAppError, type ErrorCode } from '../errors.js';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { GraphRequestError, toGraphRequestError } from './graph-error.js';

export type GraphOperation =
  | 'searchDevices'
  | 'getDevice'
  | 'sendDeviceNotification'
  | 'sendGroupNotification'
  | 'readDirectory'
  | 'readIntuneRoles';

interface OperationText {
  /** Completes "The bot could not …". */
  action: string;
  /** Application permissions whose absence explains a 403. */
  permissions: string;
  isSend: boolean;
}

const operations: Record<GraphOperation, OperationText> = {
  searchDevices: { action: 'search Intune devices', permissions: 'DeviceManagementManagedDevices.Read.All', isSend: false },
  getDevice: { action: 'read the device from Intune', permissions: 'DeviceManagementManagedDevices.Read.All', isSend: false },
  sendDeviceNotification: {
    action: 'send the notification to the device',
    permissions: 'DeviceManagementManagedDevices.ReadWrite.All',
    isSend: true,
  },
  sendGroupNotification: {
    action: 'send the notification to the groups',
    // Microsoft's pages disagree on which of the two the group action enforces, so the message names both.
    permissions: 'DeviceManagementManagedDevices.ReadWrite.All and DeviceManagementServiceConfig.ReadWrite.All',
    isSend: true,
  },
  readDirectory: { action: 'read users and groups from Entra ID', permissions: 'GroupMember.Read.All and User.Read.All', isSend: false },
  readIntuneRoles: { action: 'read Intune role assignments', permissions: 'DeviceManagementRBAC.Read.All', isSend: false },
};

/**
 * Maps a failed Graph call to the user-facing AppError; the single place that words Graph failures.
 * An AppError passes through unchanged, and errors that are not Graph failures become 'internal'.
 * `details` always carries status, graphCode and requestId for the log and the history record.
 */
export function graphErrorToAppError(error: unknown, operation: GraphOperation): AppError {
  if (error instanceof AppError) {
    return error;
  }
  if (!(error instanceof GraphRequestError) && !(error instanceof GraphError)) {
    return asAppError(error);
  }

  const graphError = toGraphRequestError(error, { method: '', path: '' });
  const text = operations[operation];
  const { code, message } = describe(graphError, operation, text);
  return new AppError(code, message, {
    cause: error,
    details: {
      operation,
      status: graphError.status,
      graphCode: graphError.code,
      requestId: graphError.requestId,
      clientRequestId: graphError.clientRequestId,
      timedOut: graphError.timedOut,
      outcomeUnknown: graphError.outcomeUnknown,
    },
  });
}

function describe(error: GraphRequestError, operation: GraphOperation, text: OperationText): { code: ErrorCode; message: string } {
  const failed = `The bot could not ${text.action}`;
  const notSent = text.isSend ? ' Nothing was sent.' : '';
  const reference = referenceFor(error);

  if (text.isSend && error.outcomeUnknown) {
    return {
      code: 'graph_timeout',
      message: `${unknownOutcomeCause(error)}, so it is unknown whether the notification was sent. Don't send it again blindly: ${unknownOutcomeAdvice(operation)}${reference}`,
    };
  }
  if (error.timedOut) {
    return { code: 'graph_timeout', message: `${failed}: Microsoft Graph did not respond in time.${notSent} Try again in a minute.${reference}` };
  }
  if (error.code === 'authentication_failed' || error.status === 401) {
    return {
      code: 'graph_permission_missing',
      message: `${failed}: the bot could not sign in to Microsoft Graph.${notSent} An IT admin must check the bot's Graph app registration and its credentials (AZURE_CLIENT_ID with its secret, certificate or managed identity).${reference}`,
    };
  }
  if (error.status === 0) {
    return { code: 'graph_unavailable', message: `${failed}: Microsoft Graph could not be reached.${notSent} Try again in a few minutes.${reference}` };
  }
  if (error.status === 403) {
    return {
      code: 'graph_permission_missing',
      message: `${failed}: Microsoft Graph refused the bot's app (403 Forbidden).${notSent} An Entra admin must grant the application permission ${text.permissions} to the bot's app registration and grant admin consent.${reference}`,
    };
  }
  if (error.status === 404) {
    return describeNotFound(operation, failed, notSent);
  }
  if (error.status === 429) {
    return {
      code: 'graph_throttled',
      message: `${failed}: Microsoft Graph is throttling requests from the bot.${notSent} Try again in ${formatWait(error.retryAfterSeconds)}.`,
    };
  }
  if (error.status >= 500 || error.code === 'invalid_response') {
    // A 503 may carry Retry-After; the client passes it on when it is too long to wait for.
    const wait = error.retryAfterSeconds === undefined ? 'a few minutes' : formatWait(error.retryAfterSeconds);
    return {
      code: 'graph_unavailable',
      message: `${failed}: Microsoft Graph failed (HTTP ${error.status}, ${error.code}).${notSent} Try again in ${wait}.${reference}`,
    };
  }
  return {
    code: 'graph_rejected',
    message: `${failed}: Microsoft Graph rejected the request (HTTP ${error.status}, ${error.code}).${notSent} Check the input and try again; if it keeps failing, give your IT admin this message.${reference}`,
  };
}

/** Completes "…, so it is unknown whether the notification was sent" with what happened to the request. */
function unknownOutcomeCause(error: GraphRequestError): string {
  if (error.timedOut) {
    return 'Microsoft Graph did not respond in time';
  }
  if (error.status === 504) {
    return "Microsoft Graph's gateway timed out (HTTP 504 Gateway Timeout)";
  }
  if (error.status === 0) {
    return 'The connection to Microsoft Graph was lost before a response arrived';
  }
  return `Microsoft Graph returned HTTP ${error.status} without confirming the send`;
}

function unknownOutcomeAdvice(operation: GraphOperation): string {
  if (operation === 'sendGroupNotification') {
    return 'ask a few of the recipients whether it arrived.';
  }
  return "check with the user first, or look for it in the device's Intune actions.";
}

function describeNotFound(operation: GraphOperation, failed: string, notSent: string): { code: ErrorCode; message: string } {
  switch (operation) {
    case 'getDevice':
    case 'sendDeviceNotification':
      return {
        code: 'not_found',
        message: `The device no longer exists in Intune (it may have been retired or deleted).${notSent} Search again.`,
      };
    case 'sendGroupNotification':
      return {
        code: 'not_found',
        message: `${failed}: one of the groups no longer exists in Entra ID.${notSent} Choose the groups again.`,
      };
    case 'readDirectory':
      return { code: 'not_found', message: `${failed}: a user or group the bot looked up no longer exists in Entra ID.` };
    default:
      return { code: 'graph_unavailable', message: `${failed}: Microsoft Graph returned 404 Not Found. Try again in a few minutes.` };
  }
}

// Request-ids let Microsoft support find the call; without a response only our client-request-id exists.
function referenceFor(error: GraphRequestError): string {
  if (error.requestId !== undefined) {
    return ` Graph request-id: ${error.requestId}.`;
  }
  if (error.clientRequestId !== undefined) {
    return ` Graph client-request-id: ${error.clientRequestId}.`;
  }
  return '';
}

function formatWait(retryAfterSeconds: number | undefined): string {
  // Without Retry-After, a minute is long enough for Intune's 20-second throttling windows to pass.
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds ?? 60));
  if (seconds < 60) {
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
