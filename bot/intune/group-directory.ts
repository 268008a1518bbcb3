import { z } from 'zod';
import { AppError } from '../errors.js';
import type { GraphClient } from '../graph/client.js';
import { GraphRequestError } from '../graph/graph-error.js';
import { toDisplayNameSearch } from './group-search.js';
import { isGuid } from './guid.js';

export interface GroupSummary {
  id: string;
  displayName: string;
  /** Empty when the group has no description. */
  description: string;
}

export interface GroupMemberCounts {
  /** Users that are members directly or through nested groups, each counted once. */
  users: number;
  /** Entra device objects that are members directly or through nested groups. */
  devices: number;
  /** Groups nested at any depth. */
  groups: number;
}

/**
 * Entra groups that the group notification wizard offers, read through Microsoft Graph.
 * Graph failures propagate as GraphRequestError after the client's retries, except the 404 of a
 * missing group, which becomes AppError('not_found').
 */
export interface GroupDirectory {
  /**
   * Finds groups whose display name contains every word of the query (Graph `$search` with
   * ConsistencyLevel eventual), sorted by name. Returns at most maxResults groups, with
   * truncated=true when more matched. A query without letters or digits returns no groups
   * without calling Graph.
   */
  searchGroups(query: string): Promise<{ groups: GroupSummary[]; truncated: boolean }>;
  /** Reads one group. Throws AppError('invalid_input') for an id that is not a GUID and AppError('not_found') for a missing group. */
  getGroup(groupId: string): Promise<GroupSummary>;
  /**
   * Counts the group's transitive members by type. The counts come from Entra's advanced-query
   * index (ConsistencyLevel eventual), which Graph documents as updated after a slight delay.
   */
  memberCounts(groupId: string): Promise<GroupMemberCounts>;
}

export interface GraphGroupDirectoryOptions {
  /** Groups returned by one search, from 1 upwards. Default 20. */
  maxResults?: number;
}

// The largest $top that Graph v1.0 List groups accepts. Longer result lists are read page by page.
const maxPageSize = 999;

const groupSelect = 'id,displayName,description';
const groupSummarySchema = z.object({
  id: z.string().refine(isGuid, 'must be a GUID'),
  displayName: z.string(),
  description: z
    .string()
    .nullish()
    .transform((description) => description ?? ''),
});

// Graph returns the value of a /$count segment as text/plain. A bare whole number is also valid
// JSON, so GraphClient.get can parse it.
const countSchema = z.number().int().nonnegative();

// $search, $orderby, OData casts and $count on directory objects are advanced queries, which
// Graph serves only with this header.
const eventualConsistency = { ConsistencyLevel: 'eventual' };

export function createGraphGroupDirectory(graph: GraphClient, options: GraphGroupDirectoryOptions = {}): GroupDirectory {
  const maxResults = options.maxResults ?? 20;
  if (!Number.isInteger(maxResults) || maxResults < 1) {
    throw new RangeError(`maxResults must be a whole number of at least 1, not ${maxResults}`);
  }

  async function searchGroups(query: string): Promise<{ groups: GroupSummary[]; truncated: boolean }> {
    const search = toDisplayNameSearch(query);
    if (search === undefined) {
      return { groups: [], truncated: false };
    }

    // Graph documents $orderby together with $search only as an advanced query with $count=true.
    const top = Math.min(maxResults, maxPageSize);
    const path = `/groups?$search=${encodeURIComponent(search)}&$orderby=displayName&$count=true&$top=${top}&$select=${groupSelect}`;
    const { items, truncated } = await graph.getAllPages(path, groupSummarySchema, {
      headers: eventualConsistency,
      maxItems: maxResults,
      invalidItems: 'skip',
    });
    return { groups: items.sort(compareByName), truncated };
  }

  async function getGroup(groupId: string): Promise<GroupSummary> {
    assertGroupId(groupId);

    const path = `/groups/${encodeURIComponent(groupId)}?$select=${groupSelect}`;
    const { value } = await graph.get(path, groupSummarySchema).catch((error: unknown) => {
      throw toNotFound(error, groupId);
    });
    return value;
  }

  async function memberCounts(groupId: string): Promise<GroupMemberCounts> {
    assertGroupId(groupId);

    const [users, devices, groups] = await Promise.all([
      countTransitiveMembers(groupId, 'user'),
      countTransitiveMembers(groupId, 'device'),
      countTransitiveMembers(groupId, 'group'),
    ]);
    return { users, devices, groups };
  }

  async function countTransitiveMembers(groupId: string, memberType: 'user' | 'device' | 'group'): Promise<number> {
    const path = `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.${memberType}/$count`;
    const { value } = await graph.get(path, countSchema, { headers: eventualConsistency }).catch((error: unknown) => {
      throw toNotFound(error, groupId);
    });
    return value;
  }

  return { searchGroups, getGroup, memberCounts };
}

function compareByName(a: GroupSummary, b: GroupSummary): number {
  const byName = a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' });
  return byName !== 0 ? byName : a.id.localeCompare(b.id);
}

function assertGroupId(groupId: string): void {
  if (!isGuid(groupId)) {
    throw new AppError('invalid_input', 'That group id is not a valid Entra group id. Search for the group by name again.', {
      details: { groupId: groupId.slice(0, 100) },
    });
  }
}

function toNotFound(error: unknown, groupId: string): unknown {
  if (!(error instanceof GraphRequestError) || error.status !== 404) {
    return error;
  }
  return new AppError('not_found', 'The group no longer exists in Entra ID (it may have been deleted). Search for the group by name again.', {
    cause: error,
    details: { groupId, status: error.status, graphCode: error.code, requestId: error.requestId },
  });
}
