import { Directory, directoryObjectRow, directoryRoleResource, groupResource } from './directory.js';
import { castContext, castOf, castSegment, directoryCollection, directoryObjectProperties, groupProperties, roleProperties } from './directory-collection.js';
import { directoryObjectQuerySpec, groupQuerySpec } from './directory-query.js';
import { directoryNotFound, GraphHttpError } from './graph-error.js';
import { applySelect, assertKnownOptions, contextUrl, readSelect } from './odata.js';
import { isEventual, type Route, type RouteContext, type RouteResult } from './router.js';

function listGroups(context: RouteContext): RouteResult {
  const domain = context.state.seed.domain;
  return directoryCollection(context, {
    rows: context.state.seed.groups.map((group) => directoryObjectRow({ type: 'group', object: group }, domain)),
    spec: groupQuerySpec,
    properties: groupProperties,
    typeName: 'microsoft.graph.group',
    contextFragment: 'groups',
  });
}

function getGroup(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select']);
  const select = readSelect(context.query, groupProperties, 'microsoft.graph.group');
  const group = new Directory(context.state.seed).findGroup(context.params.groupId!);
  if (group === undefined) {
    throw directoryNotFound(context.params.groupId!);
  }
  return {
    status: 200,
    json: {
      '@odata.context': contextUrl(context.origin, context.version, 'groups', { select, entity: true }),
      ...applySelect(groupResource(group, context.state.seed.domain), select),
    },
  };
}

function listGroupMembers(context: RouteContext, transitive: boolean): RouteResult {
  const cast = castOf(context, ['user', 'group', 'device']);
  const directory = new Directory(context.state.seed);
  const group = directory.findGroup(context.params.groupId!);
  if (group === undefined) {
    throw directoryNotFound(context.params.groupId!);
  }

  const entries = (transitive ? directory.transitiveMembers(group.id) : directory.directMembers(group.id))
    .filter((entry) => cast === undefined || entry.type === cast);
  if (context.params.countSegment !== undefined) {
    if (!isEventual(context.headers)) {
      throw new GraphHttpError(400, 'Request_BadRequest', "The $count segment needs the request header 'ConsistencyLevel: eventual'.");
    }
    return { status: 200, text: String(entries.length) };
  }
  return directoryCollection(context, {
    rows: entries.map((entry) => directoryObjectRow(entry, context.state.seed.domain)),
    spec: directoryObjectQuerySpec,
    properties: directoryObjectProperties,
    typeName: 'microsoft.graph.directoryObject',
    contextFragment: cast === undefined ? 'directoryObjects' : castContext[cast]!,
  });
}

function findRole(context: RouteContext) {
  const { roleId, templateId } = context.params;
  const role = context.state.seed.directoryRoles.find((candidate) =>
    (roleId !== undefined && candidate.id === roleId.toLowerCase()) || (templateId !== undefined && candidate.roleTemplateId === templateId.toLowerCase()));
  if (role === undefined) {
    throw directoryNotFound(roleId ?? templateId ?? '');
  }
  return role;
}

function listDirectoryRoles(context: RouteContext): RouteResult {
  return directoryCollection(context, {
    rows: context.state.seed.directoryRoles.map((role) => directoryObjectRow({ type: 'directoryRole', object: role }, context.state.seed.domain)),
    spec: { resource: 'DirectoryRole', filterable: ['id', 'displayName', 'roleTemplateId'], prefixFilterable: ['displayName'], searchable: [], orderable: [] },
    properties: roleProperties,
    typeName: 'microsoft.graph.directoryRole',
    contextFragment: 'directoryRoles',
  });
}

function getDirectoryRole(context: RouteContext): RouteResult {
  assertKnownOptions(context.query, ['select']);
  const select = readSelect(context.query, roleProperties, 'microsoft.graph.directoryRole');
  const role = findRole(context);
  return {
    status: 200,
    json: {
      '@odata.context': contextUrl(context.origin, context.version, 'directoryRoles', { select, entity: true }),
      ...applySelect(directoryRoleResource(role), select),
    },
  };
}

function listDirectoryRoleMembers(context: RouteContext): RouteResult {
  const role = findRole(context);
  const directory = new Directory(context.state.seed);
  return directoryCollection(context, {
    rows: directory.roleMembers(role).map((entry) => directoryObjectRow(entry, context.state.seed.domain)),
    spec: directoryObjectQuerySpec,
    properties: directoryObjectProperties,
    typeName: 'microsoft.graph.directoryObject',
    contextFragment: 'directoryObjects',
  });
}

const groupSegment = '(?<groupId>[^/]+)';
const roleKey = "(?:/(?<roleId>[^/(]+)|\\(roleTemplateId='(?<templateId>[^']+)'\\))";

/** Groups with their members, and activated Entra directory roles. */
export const groupRoutes: Route[] = [
  { pattern: /^\/groups$/i, handlers: { GET: listGroups } },
  { pattern: new RegExp(`^/groups/${groupSegment}$`, 'i'), handlers: { GET: getGroup } },
  {
    pattern: new RegExp(`^/groups/${groupSegment}/members${castSegment}(?<countSegment>/\\$count)?$`, 'i'),
    handlers: { GET: (context) => listGroupMembers(context, false) },
  },
  {
    pattern: new RegExp(`^/groups/${groupSegment}/transitiveMembers${castSegment}(?<countSegment>/\\$count)?$`, 'i'),
    handlers: { GET: (context) => listGroupMembers(context, true) },
  },
  { pattern: /^\/directoryRoles$/i, handlers: { GET: listDirectoryRoles } },
  { pattern: new RegExp(`^/directoryRoles${roleKey}$`, 'i'), handlers: { GET: getDirectoryRole } },
  { pattern: new RegExp(`^/directoryRoles${roleKey}/members$`, 'i'), handlers: { GET: listDirectoryRoleMembers } },
];
