import { defaultUserProperties, Directory, userResource, type DirectoryObject } from './directory.js';
import { assertCountAllowed, queryDirectory, type DirectoryQuerySpec } from './directory-query.js';
import { directoryNotFound, unsupportedQuery } from './graph-error.js';
import { applySelect, assertKnownOptions, collectionBody, contextUrl, pageOf, queryOption, readCount, readSelect, readTop } from './odata.js';
import { isEventual, type RouteContext, type RouteResult } from './router.js';
import type { SeedUser } from './seed.js';

// Shared parts of the directory (Entra) collection endpoints: paging, projection, casts and advanced-query checks.

const maxTop = 999;
const listOptions = ['filter', 'search', 'select', 'top', 'count', 'orderby'];

type Row = Record<string, unknown>;

export const userProperties = Object.keys(userResource({
  id: '', displayName: '', givenName: '', surname: '', userPrincipalName: '', mail: '', jobTitle: null, department: null,
  officeLocation: null, city: null, usageLocation: '', accountEnabled: true,
}));
export const groupProperties = ['id', 'displayName', 'description', 'mailNickname', 'mail', 'mailEnabled', 'securityEnabled', 'groupTypes', 'isAssignableToRole', 'createdDateTime', 'visibility'];
export const deviceProperties = ['id', 'deviceId', 'displayName', 'operatingSystem', 'operatingSystemVersion', 'accountEnabled', 'trustType'];
export const roleProperties = ['id', 'deletedDateTime', 'description', 'displayName', 'roleTemplateId'];
export const directoryObjectProperties = [...new Set([...userProperties, ...groupProperties, ...deviceProperties, ...roleProperties])];

/** Projects a row for output: the $select list, or the default user properties for users. */
function project(row: Row, select: string[] | undefined): Row {
  if (select !== undefined) {
    return applySelect(row, select);
  }
  if (row['@odata.type'] === '#microsoft.graph.user') {
    return applySelect(row, [...defaultUserProperties]);
  }
  return row;
}

export interface CollectionOptions {
  rows: Row[];
  spec: DirectoryQuerySpec;
  properties: readonly string[];
  typeName: string;
  contextFragment: string;
}

/** Runs $filter/$search/$orderby/$select/$top/$count and paging over a directory collection. */
export function directoryCollection(context: RouteContext, options: CollectionOptions): RouteResult {
  const { query, headers } = context;
  assertKnownOptions(query, listOptions);
  const count = readCount(query);
  assertCountAllowed(count, headers);
  const select = readSelect(query, options.properties, options.typeName);
  const top = readTop(query, maxTop);

  const matches = queryDirectory(options.rows, query, headers, options.spec);
  const page = pageOf(matches, context.url, context.origin, top ?? context.state.pageSize);
  return {
    status: 200,
    json: collectionBody({
      context: contextUrl(context.origin, context.version, options.contextFragment, { select }),
      items: page.items.map((row) => project(row, select)),
      nextLink: page.nextLink,
      count: count ? matches.length : undefined,
    }),
  };
}

export function requireUser(context: RouteContext, directory: Directory): SeedUser {
  const user = directory.findUser(context.params.userId!);
  if (user === undefined) {
    throw directoryNotFound(context.params.userId!);
  }
  return user;
}

/**
 * Graph documents $filter, $search, $orderby and OData casts on memberOf/transitiveMemberOf as
 * advanced queries: they need the ConsistencyLevel: eventual header together with $count=true.
 */
export function assertAdvancedQuery(context: RouteContext, cast: string | undefined): void {
  const { query, headers } = context;
  const needsAdvanced = cast !== undefined || ['filter', 'search', 'orderby'].some((name) => queryOption(query, name) !== undefined);
  if (!needsAdvanced) {
    return;
  }
  if (!isEventual(headers) || queryOption(query, 'count') !== 'true') {
    throw unsupportedQuery("This query (an OData cast, $filter, $search or $orderby on a membership list) needs the header 'ConsistencyLevel: eventual' and $count=true.");
  }
}

const castTypes: Record<string, DirectoryObject['type'] | 'administrativeUnit'> = {
  'microsoft.graph.group': 'group',
  'microsoft.graph.directoryrole': 'directoryRole',
  'microsoft.graph.administrativeunit': 'administrativeUnit',
  'microsoft.graph.user': 'user',
  'microsoft.graph.device': 'device',
};
export const castContext: Record<string, string> = { group: 'groups', directoryRole: 'directoryRoles', administrativeUnit: 'administrativeUnits', user: 'users', device: 'devices' };

export function castOf(context: RouteContext, allowed: readonly string[]): string | undefined {
  const cast = context.params.cast;
  if (cast === undefined) {
    return undefined;
  }
  const type = castTypes[cast.toLowerCase()];
  if (type === undefined || !allowed.includes(type)) {
    throw unsupportedQuery(`The OData cast '${cast}' is not supported on this relationship.`);
  }
  return type;
}

/** Optional OData cast segment after a relationship, such as /microsoft.graph.group. */
export const castSegment = '(?:/(?<cast>microsoft\\.graph\\.[A-Za-z]+))?';
