import { z } from 'zod';
import { Directory, deviceResource, directoryObjectRow, userResource, defaultUserProperties } from './directory.js';
import {
  assertAdvancedQuery,
  castContext,
  castOf,
  castSegment,
  deviceProperties,
  directoryCollection,
  directoryObjectProperties,
  requireUser,
  userProperties,
} from './directory-collection.js';
import { deviceQuerySpec, directoryObjectQuerySpec, userQuerySpec } from './directory-query.js';
import { directoryNotFound } from './graph-error.js';
import { applySelect, assertKnownOptions, contextUrl, readSelect } from './odata.js';
import { readJsonBody } from './request-body.js';
import type { Route, RouteContext, RouteResult } from './router.js';

/** Finds the subject of a memberOf request: a user (by id or UPN) or an Entra device (by object id). */
function requireSubject(context: RouteContext, directory: Directory): { id: string } {
  if (context.params.userId !== undefined) {
    return requireUser(context, directory);
  }
  const deviceId = context.params.deviceObjectId!;
  const device = directory.find(deviceId);
  if (device?.type !== 'device') {
    throw directoryNotFound(deviceId);
  }
  return device.object;
}

function listMemberships(context: RouteContext, transitive: boolean): RouteResult {
  const cast = castOf(context, ['group', 'directoryRole', 'administrativeUnit']);
  assertAdvancedQuery(context, cast);
  const directory = new Directory(context.state.seed);
  const subject = requireSubject(context, directory);

  const entries = (transitive ? directory.transitiveMemberOf(subject.id) : directory.memberOf(subject.id))
    .filter((entry) => cast === undefined || entry.type === cast);
  return directoryCollection(context, {
    rows: entries.map((entry) => directoryObjectRow(entry, context.state.seed.domain)),
    spec: directoryObjectQuerySpec,
    properties: directoryObjectProperties,
    typeName: 'microsoft.graph.directoryObject',
    contextFragment: cast === undefined ? 'directoryObjects' : castContext[cast]!,
  });
}

function listUsers(context: RouteContext): RouteResult {
  return directoryCollection(context, {
    rows: context.state.seed.users.map((user) => directoryObjectRow({ type: 'user', object: user }, context.state.seed.domain)),
    spec: userQuerySpec,
    properties: userProperties,
    typeName: 'microsoft.graph.user',
    contextFragment: 'users',
  });
}

function getUser(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select']);
  const select = readSelect(context.query, userProperties, 'microsoft.graph.user');
  const user = requireUser(context, new Directory(context.state.seed));
  return {
    status: 200,
    json: {
      '@odata.context': contextUrl(context.origin, context.version, 'users', { select, entity: true }),
      ...applySelect(userResource(user), select ?? [...defaultUserProperties]),
    },
  };
}

const checkMemberGroupsSchema = z.object({
  groupIds: z.array(z.string(), { required_error: 'groupIds is required' }).max(20, 'groupIds holds at most 20 ids per request'),
}).strict();

const getMemberGroupsSchema = z.object({
  securityEnabledOnly: z.boolean({ required_error: 'securityEnabledOnly is required', invalid_type_error: 'securityEnabledOnly must be true or false' }),
}).strict();

function stringCollection(context: RouteContext, values: string[]): RouteResult {
  return { status: 200, json: { '@odata.context': contextUrl(context.origin, context.version, 'Collection(Edm.String)'), value: values } };
}

function checkMemberGroups(context: RouteContext): RouteResult {
  const directory = new Directory(context.state.seed);
  const user = requireUser(context, directory);
  const body = readJsonBody(context, checkMemberGroupsSchema);

  const memberOf = new Set(directory.transitiveGroups(user.id).map((group) => group.id));
  return stringCollection(context, body.groupIds.filter((id) => memberOf.has(id.toLowerCase())));
}

function getMemberGroups(context: RouteContext): RouteResult {
  const directory = new Directory(context.state.seed);
  const user = requireUser(context, directory);
  const body = readJsonBody(context, getMemberGroupsSchema);

  const groups = directory.transitiveGroups(user.id).filter((group) => !body.securityEnabledOnly || group.securityEnabled);
  return stringCollection(context, groups.map((group) => group.id));
}

function listEntraDevices(context: RouteContext): RouteResult {
  return directoryCollection(context, {
    rows: context.state.seed.devices.map((device) => directoryObjectRow({ type: 'device', object: device }, context.state.seed.domain)),
    spec: deviceQuerySpec,
    properties: deviceProperties,
    typeName: 'microsoft.graph.device',
    contextFragment: 'devices',
  });
}

function getEntraDevice(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select']);
  const select = readSelect(context.query, deviceProperties, 'microsoft.graph.device');
  const { deviceObjectId, deviceId } = context.params;
  const device = context.state.seed.devices.find((candidate) =>
    (deviceObjectId !== undefined && candidate.id === deviceObjectId.toLowerCase()) || (deviceId !== undefined && candidate.deviceId === deviceId.toLowerCase()));
  if (device === undefined) {
    throw directoryNotFound(deviceObjectId ?? deviceId ?? '');
  }
  return {
    status: 200,
    json: {
      '@odata.context': contextUrl(context.origin, context.version, 'devices', { select, entity: true }),
      ...applySelect(deviceResource(device), select),
    },
  };
}

const userSegment = '(?<userId>[^/]+)';
const deviceSegment = '(?<deviceObjectId>[^/(]+)';

/** Users and Entra devices, with their memberships. */
export const userRoutes: Route[] = [
  { pattern: /^\/users$/i, handlers: { GET: listUsers } },
  { pattern: new RegExp(`^/users/${userSegment}$`, 'i'), handlers: { GET: getUser } },
  { pattern: new RegExp(`^/users/${userSegment}/memberOf${castSegment}$`, 'i'), handlers: { GET: (context) => listMemberships(context, false) } },
  { pattern: new RegExp(`^/users/${userSegment}/transitiveMemberOf${castSegment}$`, 'i'), handlers: { GET: (context) => listMemberships(context, true) } },
  { pattern: new RegExp(`^/users/${userSegment}/(?:microsoft\\.graph\\.)?checkMemberGroups$`, 'i'), handlers: { POST: checkMemberGroups } },
  { pattern: new RegExp(`^/users/${userSegment}/(?:microsoft\\.graph\\.)?getMemberGroups$`, 'i'), handlers: { POST: getMemberGroups } },
  { pattern: /^\/devices$/i, handlers: { GET: listEntraDevices } },
  { pattern: /^\/devices\(deviceId='(?<deviceId>[^']+)'\)$/i, handlers: { GET: getEntraDevice } },
  { pattern: new RegExp(`^/devices/${deviceSegment}$`, 'i'), handlers: { GET: getEntraDevice } },
  { pattern: new RegExp(`^/devices/${deviceSegment}/memberOf${castSegment}$`, 'i'), handlers: { GET: (context) => listMemberships(context, false) } },
  { pattern: new RegExp(`^/devices/${deviceSegment}/transitiveMemberOf${castSegment}$`, 'i'), handlers: { GET: (context) => listMemberships(context, true) } },
];
