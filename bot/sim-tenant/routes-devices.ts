import { z } from 'zod';
import { filterManagedDevices, orderManagedDevices } from './device-query.js';
import { Directory } from './directory.js';
import { directoryNotFound, intuneNotFound } from './graph-error.js';
import { applySelect, assertKnownOptions, collectionBody, contextUrl, pageOf, queryOption, readCount, readSelect, readTop } from './odata.js';
import { readJsonBody } from './request-body.js';
import type { ApiVersion, Route, RouteContext, RouteResult } from './router.js';
import type { SeedManagedDevice } from './seed.js';

const maxTop = 1000;

/** v1.0 has no deviceType, ownerType or roleScopeTagIds, and its enrollment-type enum stops earlier. */
const betaOnlyProperties = new Set(['deviceType', 'ownerType', 'roleScopeTagIds']);
const v1EnrollmentTypes = new Set([
  'unknown', 'userEnrollment', 'deviceEnrollmentManager', 'appleBulkWithUser', 'appleBulkWithoutUser', 'windowsAzureADJoin', 'windowsBulkUserless',
  'windowsAutoEnrollment', 'windowsBulkAzureDomainJoin', 'windowsCoManagement', 'windowsAzureADJoinUsingDeviceAuth', 'appleUserEnrollment',
  'appleUserEnrollmentWithServiceAccount',
]);

function deviceResource(device: SeedManagedDevice, version: ApiVersion): Record<string, unknown> {
  if (version === 'beta') {
    return { '@odata.type': '#microsoft.graph.managedDevice', ...device };
  }
  const resource: Record<string, unknown> = { '@odata.type': '#microsoft.graph.managedDevice' };
  for (const [key, value] of Object.entries(device)) {
    if (!betaOnlyProperties.has(key)) {
      resource[key] = value;
    }
  }
  if (!v1EnrollmentTypes.has(device.deviceEnrollmentType)) {
    resource.deviceEnrollmentType = 'unknownFutureValue';
  }
  return resource;
}

function deviceProperties(context: RouteContext): string[] {
  const sample = context.state.seed.managedDevices[0];
  if (sample === undefined) {
    return ['id'];
  }
  return Object.keys(deviceResource(sample, context.version)).filter((key) => !key.startsWith('@'));
}

/** Lists `devices` (the whole tenant or one user's) with the request's query options applied. */
function listDevices(context: RouteContext, devices: SeedManagedDevice[]): RouteResult {
  const { query, version } = context;
  assertKnownOptions(query, ['filter', 'select', 'top', 'count', 'orderby', 'skip']);
  const select = readSelect(query, deviceProperties(context), 'microsoft.graph.managedDevice');
  const top = readTop(query, maxTop);
  const count = readCount(query);

  let matches = devices;
  const filterText = queryOption(query, 'filter');
  if (filterText !== undefined) {
    matches = filterManagedDevices(matches, filterText);
  }
  const orderText = queryOption(query, 'orderby');
  if (orderText !== undefined) {
    matches = orderManagedDevices(matches, orderText);
  }
  // Intune returns an empty page for $skip instead of skipping, so the nextLink is the only way to page.
  const skip = queryOption(query, 'skip');
  if (skip !== undefined && skip !== '0') {
    matches = [];
  }

  const page = pageOf(matches, context.url, context.origin, top ?? context.state.pageSize);
  return {
    status: 200,
    json: collectionBody({
      context: contextUrl(context.origin, version, 'deviceManagement/managedDevices', { select }),
      items: page.items.map((device) => applySelect(deviceResource(device, version), select)),
      nextLink: page.nextLink,
      count: count ? matches.length : undefined,
    }),
  };
}

function findDevice(context: RouteContext): SeedManagedDevice {
  const id = context.params.deviceId!;
  const device = context.state.seed.managedDevices.find((candidate) => candidate.id === id.toLowerCase());
  if (device === undefined) {
    throw intuneNotFound('managedDevice', id);
  }
  return device;
}

function getDevice(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select']);
  const select = readSelect(context.query, deviceProperties(context), 'microsoft.graph.managedDevice');
  const device = findDevice(context);
  return {
    status: 200,
    json: {
      '@odata.context': contextUrl(context.origin, context.version, 'deviceManagement/managedDevices', { select, entity: true }),
      ...applySelect(deviceResource(device, context.version), select),
    },
  };
}

function listUserDevices(context: RouteContext): RouteResult {
  const user = new Directory(context.state.seed).findUser(context.params.userId!);
  if (user === undefined) {
    throw directoryNotFound(context.params.userId!);
  }
  return listDevices(context, context.state.seed.managedDevices.filter((device) => device.userId === user.id));
}

const deviceNotificationSchema = z.object({
  notificationTitle: z.string({ required_error: 'notificationTitle is required', invalid_type_error: 'notificationTitle must be a string' }),
  notificationBody: z.string({ required_error: 'notificationBody is required', invalid_type_error: 'notificationBody must be a string' }),
}).strict();

const groupNotificationSchema = deviceNotificationSchema.extend({
  groupsToNotify: z.array(z.string({ invalid_type_error: 'groupsToNotify must hold group id strings' }), {
    required_error: 'groupsToNotify is required',
    invalid_type_error: 'groupsToNotify must be an array of group ids',
  }),
}).strict();

function sendToDevice(context: RouteContext): RouteResult {
  const device = findDevice(context);
  const body = readJsonBody(context, deviceNotificationSchema);

  // NOTE: the real service's response for ineligible platforms is undocumented, so every device is accepted here.
  context.state.sent.push({
    kind: 'device',
    deviceId: device.id,
    notificationTitle: body.notificationTitle,
    notificationBody: body.notificationBody,
    rawBody: context.body,
    at: new Date().toISOString(),
    requestId: context.requestId,
  });
  context.state.logger?.info({ deviceId: device.id, requestId: context.requestId }, 'sim tenant recorded a device notification');
  return { status: 204 };
}

function sendToGroups(context: RouteContext): RouteResult {
  const body = readJsonBody(context, groupNotificationSchema);

  // NOTE: limits such as 25 groups or unknown group ids are not checked, because Graph's behaviour there is undocumented.
  context.state.sent.push({
    kind: 'groups',
    groupIds: body.groupsToNotify,
    notificationTitle: body.notificationTitle,
    notificationBody: body.notificationBody,
    rawBody: context.body,
    at: new Date().toISOString(),
    requestId: context.requestId,
  });
  context.state.logger?.info({ groupCount: body.groupsToNotify.length, requestId: context.requestId }, 'sim tenant recorded a group notification');
  return { status: 204 };
}

const deviceIdSegment = '(?<deviceId>[^/]+)';

export const deviceRoutes: Route[] = [
  {
    pattern: /^\/deviceManagement\/managedDevices$/i,
    handlers: { GET: (context) => listDevices(context, context.state.seed.managedDevices) },
  },
  {
    pattern: new RegExp(`^/deviceManagement/managedDevices/${deviceIdSegment}/(?:microsoft\\.graph\\.)?sendCustomNotificationToCompanyPortal$`, 'i'),
    handlers: { POST: sendToDevice },
    versions: ['beta'],
  },
  {
    pattern: new RegExp(`^/deviceManagement/managedDevices/${deviceIdSegment}$`, 'i'),
    handlers: { GET: getDevice },
  },
  {
    pattern: /^\/deviceManagement\/(?:microsoft\.graph\.)?sendCustomNotificationToCompanyPortal$/i,
    handlers: { POST: sendToGroups },
    versions: ['beta'],
  },
  {
    pattern: /^\/users\/(?<userId>[^/]+)\/managedDevices$/i,
    handlers: { GET: listUserDevices },
  },
];
