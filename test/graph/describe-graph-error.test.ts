import { describe, expect, it } from 'vitest';
import { AppError } from '../../bot/errors.js';
import { graphErrorToAppError } from '../../bot/graph/describe-graph-error.js';
import { GraphRequestError, type GraphRequestErrorInit } from '../../bot/graph/graph-error.js';

const deviceSend = { method: 'POST', path: '/deviceManagement/managedDevices/x/sendCustomNotificationToCompanyPortal' };
const deviceRead = { method: 'GET', path: '/deviceManagement/managedDevices' };

function graphFailure(init: Partial<GraphRequestErrorInit>): GraphRequestError {
  return new GraphRequestError({ ...deviceRead, status: 500, code: 'InternalServerError', ...init });
}

describe('graphErrorToAppError', () => {
  it.each([
    ['searchDevices', 'DeviceManagementManagedDevices.Read.All'],
    ['getDevice', 'DeviceManagementManagedDevices.Read.All'],
    ['sendDeviceNotification', 'DeviceManagementManagedDevices.ReadWrite.All'],
    ['sendGroupNotification', 'DeviceManagementServiceConfig.ReadWrite.All'],
    ['readDirectory', 'GroupMember.Read.All'],
    ['readDirectory', 'User.Read.All'],
    ['readIntuneRoles', 'DeviceManagementRBAC.Read.All'],
  ] as const)('names the permission for %s 403', (operation, permission) => {
    const error = graphErrorToAppError(graphFailure({ status: 403, code: 'Forbidden', requestId: 'rid-403' }), operation);

    expect(error.code).toBe('graph_permission_missing');
    expect(error.userMessage).toContain(permission);
    expect(error.userMessage).toContain('admin consent');
    expect(error.userMessage).toContain('Graph request-id: rid-403');
  });

  it('puts status, code and request-id in details', () => {
    const error = graphErrorToAppError(graphFailure({ status: 403, code: 'Forbidden', requestId: 'rid-403' }), 'getDevice');

    expect(error.details).toMatchObject({ status: 403, graphCode: 'Forbidden', requestId: 'rid-403' });
  });

  it.each(['getDevice', 'sendDeviceNotification'] as const)('reports a gone device for %s 404', (operation) => {
    const error = graphErrorToAppError(graphFailure({ status: 404, code: 'ResourceNotFound' }), operation);

    expect(error.code).toBe('not_found');
    expect(error.userMessage).toContain('no longer exists in Intune');
    expect(error.userMessage).toContain('Search again');
  });

  it('passes Graph code on 400', () => {
    const error = graphErrorToAppError(graphFailure({ ...deviceSend, status: 400, code: 'BadRequest' }), 'sendDeviceNotification');

    expect(error.code).toBe('graph_rejected');
    expect(error.userMessage).toContain('BadRequest');
    expect(error.userMessage).toContain('Nothing was sent');
  });

  it('tells the wait after throttling', () => {
    const error = graphErrorToAppError(graphFailure({ status: 429, code: 'TooManyRequests', retryAfterSeconds: 90 }), 'searchDevices');

    expect(error.code).toBe('graph_throttled');
    expect(error.userMessage).toContain('Try again in 2 minutes');
  });

  it('tells a wait in seconds', () => {
    const error = graphErrorToAppError(graphFailure({ status: 429, code: 'TooManyRequests', retryAfterSeconds: 2.1 }), 'searchDevices');

    expect(error.userMessage).toContain('Try again in 3 seconds');
  });

  it.each([500, 502, 503, 504])('reports %i as unavailable', (status) => {
    const error = graphErrorToAppError(graphFailure({ status, code: 'ServiceUnavailable', requestId: 'rid-5xx' }), 'getDevice');

    expect(error.code).toBe('graph_unavailable');
    expect(error.userMessage).toContain('Graph request-id: rid-5xx');
  });

  it('reports an unknown outcome for a timed-out send', () => {
    const timeout = graphFailure({ ...deviceSend, status: 0, code: 'timeout', timedOut: true, outcomeUnknown: true, clientRequestId: 'crid-1' });

    const error = graphErrorToAppError(timeout, 'sendDeviceNotification');

    expect(error.code).toBe('graph_timeout');
    expect(error.userMessage).toContain('unknown whether the notification was sent');
    expect(error.userMessage).toContain('Don\'t send it again blindly');
    expect(error.userMessage).toContain('client-request-id: crid-1');
  });

  it('reports an unknown outcome for a POST 504', () => {
    const gateway = graphFailure({ ...deviceSend, status: 504, code: 'GatewayTimeout', outcomeUnknown: true });

    const error = graphErrorToAppError(gateway, 'sendGroupNotification');

    expect(error.code).toBe('graph_timeout');
    expect(error.userMessage).toContain('unknown whether');
  });

  it('words the unknown outcome per cause', () => {
    const timeout = graphFailure({ ...deviceSend, status: 0, code: 'timeout', timedOut: true, outcomeUnknown: true });
    const gateway = graphFailure({ ...deviceSend, status: 504, code: 'GatewayTimeout', outcomeUnknown: true, requestId: 'rid-504' });
    const dropped = graphFailure({ ...deviceSend, status: 0, code: 'network', outcomeUnknown: true });

    const messages = [timeout, gateway, dropped].map((failure) => graphErrorToAppError(failure, 'sendDeviceNotification').userMessage);

    expect(messages[0]).toMatch(/^Microsoft Graph did not respond in time, so it is unknown whether the notification was sent\./);
    expect(messages[1]).toMatch(/^Microsoft Graph's gateway timed out \(HTTP 504 Gateway Timeout\), so it is unknown whether the notification was sent\./);
    expect(messages[2]).toMatch(/^The connection to Microsoft Graph was lost before a response arrived, so it is unknown whether the notification was sent\./);
  });

  it('points a device send to the device actions', () => {
    const gateway = graphFailure({ ...deviceSend, status: 504, code: 'GatewayTimeout', outcomeUnknown: true });

    const error = graphErrorToAppError(gateway, 'sendDeviceNotification');

    expect(error.userMessage).toContain("Don't send it again blindly: check with the user first, or look for it in the device's Intune actions.");
  });

  it('asks recipients after a group send', () => {
    const gateway = graphFailure({ ...deviceSend, status: 504, code: 'GatewayTimeout', outcomeUnknown: true, requestId: 'rid-504' });

    const error = graphErrorToAppError(gateway, 'sendGroupNotification');

    expect(error.userMessage).toContain("Don't send it again blindly: ask a few of the recipients whether it arrived.");
    expect(error.userMessage).not.toContain("device's Intune actions");
    expect(error.userMessage).toContain('Graph request-id: rid-504');
  });

  it('tells the wait after a 503 with Retry-After', () => {
    const unavailable = graphFailure({ ...deviceSend, status: 503, code: 'ServiceUnavailable', retryAfterSeconds: 120 });

    const error = graphErrorToAppError(unavailable, 'sendDeviceNotification');

    expect(error.code).toBe('graph_unavailable');
    expect(error.userMessage).toContain('Nothing was sent. Try again in 2 minutes.');
  });

  it('asks to retry a timed-out read', () => {
    const timeout = graphFailure({ status: 0, code: 'timeout', timedOut: true });

    const error = graphErrorToAppError(timeout, 'searchDevices');

    expect(error.code).toBe('graph_timeout');
    expect(error.userMessage).toContain('Try again in a minute');
  });

  it('reports a token failure as a credential problem', () => {
    const error = graphErrorToAppError(graphFailure({ status: 0, code: 'authentication_failed' }), 'getDevice');

    expect(error.code).toBe('graph_permission_missing');
    expect(error.userMessage).toContain('AZURE_CLIENT_ID');
  });

  it('passes an AppError through', () => {
    const original = new AppError('invalid_input', 'bad id');

    expect(graphErrorToAppError(original, 'getDevice')).toBe(original);
  });

  it('turns other errors into internal', () => {
    expect(graphErrorToAppError(new RangeError('boom'), 'getDevice').code).toBe('internal');
  });
});
