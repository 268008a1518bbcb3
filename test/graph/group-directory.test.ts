import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../bot/errors.js';
import { createGraphClient } from '../../bot/graph/client.js';
import { graphErrorToAppError } from '../../bot/graph/describe-graph-error.js';
import { GraphRequestError } from '../../bot/graph/graph-error.js';
import { createGraphGroupDirectory, type GroupDirectory } from '../../bot/intune/group-directory.js';
import { startSimTenant, type SimTenant } from '../../bot/sim-tenant/index.js';
import { captureLogger, recordingSleep } from './scripted-server.js';

let sim: SimTenant;
beforeAll(async () => {
  sim = await startSimTenant({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const allStaffId = 'b1000000-0000-4000-8000-000000000012';
const kioskDevicesId = 'b1000000-0000-4000-8000-000000000026';
const autopilotDevicesId = 'b1000000-0000-4000-8000-000000000027';
const retiredProjectTeamId = 'b1000000-0000-4000-8000-000000000028';
const missingGroupId = 'dead0000-0000-4000-8000-000000000000';

function directory(maxResults?: number): { groups: GroupDirectory; delays: number[] } {
  const sleep = recordingSleep();
  const graph = createGraphClient({
    baseUrl: sim.url,
    credentials: { kind: 'none' },
    logger: captureLogger().logger,
    retry: { maxRetries: 3, baseDelayMs: 50, maxDelayMs: 5_000 },
    sleep: sleep.sleep,
  });
  return { groups: createGraphGroupDirectory(graph, { maxResults }), delays: sleep.delays };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

function groupRequests() {
  return sim.requests.filter((request) => request.path === '/v1.0/groups');
}

function searchParameter(index = 0): string {
  return new URLSearchParams(groupRequests()[index]?.search ?? '').get('$search') ?? '';
}

function isProjectGroup(displayName: string): boolean {
  return /\bproject/i.test(displayName);
}

function byName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base' });
}

/** Adds `count` groups named "Project Extra NNNN" to the live seed; reset() removes them. */
function addProjectGroups(count: number): void {
  const template = sim.seed.groups.find((group) => group.id === retiredProjectTeamId)!;
  for (let index = 0; index < count; index += 1) {
    const suffix = String(index).padStart(4, '0');
    sim.seed.groups.push({
      ...template,
      id: `b9000000-0000-4000-8000-00000000${suffix}`,
      displayName: `Project Extra ${suffix}`,
      mailNickname: `project-extra-${suffix}`,
      members: [],
    });
  }
}

/** Users reached from the group through nested groups, computed from the seed independently of the sim. */
function seedTransitiveUsers(groupId: string): number {
  const groupsById = new Map(sim.seed.groups.map((group) => [group.id, group]));
  const userIds = new Set(sim.seed.users.map((user) => user.id));
  const found = new Set<string>();
  const visited = new Set<string>();
  const pending = [groupId];
  while (pending.length > 0) {
    const group = groupsById.get(pending.pop()!);
    if (group === undefined || visited.has(group.id)) {
      continue;
    }
    visited.add(group.id);
    for (const memberId of group.members) {
      if (userIds.has(memberId)) {
        found.add(memberId);
      } else if (groupsById.has(memberId)) {
        pending.push(memberId);
      }
    }
  }
  return found.size;
}

describe('searchGroups', () => {
  it('cuts to maxResults sorted by name', async () => {
    const { groups } = directory();

    const result = await groups.searchGroups('Project');

    const names = result.groups.map((group) => group.displayName);
    expect(names).toHaveLength(20);
    expect(result.truncated).toBe(true);
    expect(names).toEqual([...names].sort(byName));
    expect(names.every(isProjectGroup)).toBe(true);
  });

  it('returns the first names in order', async () => {
    const expected = sim.seed.groups.map((group) => group.displayName).filter(isProjectGroup).sort(byName).slice(0, 20);
    const { groups } = directory();

    const result = await groups.searchGroups('project');

    expect(result.groups.map((group) => group.displayName)).toEqual(expected);
  });

  it('sends an advanced query', async () => {
    const { groups } = directory();

    await groups.searchGroups('  Project  ');

    const request = groupRequests()[0];
    const query = new URLSearchParams(request?.search ?? '');
    expect(request?.headers.consistencylevel).toBe('eventual');
    expect(query.get('$search')).toBe('"displayName:Project"');
    expect(query.get('$count')).toBe('true');
    expect(query.get('$orderby')).toBe('displayName');
    expect(query.get('$top')).toBe('20');
  });

  it('returns every match when it fits', async () => {
    const expected = sim.seed.groups.filter((group) => isProjectGroup(group.displayName));
    const { groups } = directory(500);

    const result = await groups.searchGroups('Project');

    expect(expected.length).toBeGreaterThan(250);
    expect(result.groups).toHaveLength(expected.length);
    expect(result.truncated).toBe(false);
  });

  it('pages past the 999 page limit', async () => {
    addProjectGroups(800);
    const { groups } = directory(2_000);

    const result = await groups.searchGroups('Project');

    const expectedCount = sim.seed.groups.filter((group) => isProjectGroup(group.displayName)).length;
    expect(expectedCount).toBeGreaterThan(999);
    expect(result.groups).toHaveLength(expectedCount);
    expect(result.truncated).toBe(false);
    expect(groupRequests()).toHaveLength(2);
    expect(groupRequests()[1]?.search).toContain('skiptoken');
    const names = result.groups.map((group) => group.displayName);
    expect(names).toEqual([...names].sort(byName));
  });

  it('truncates across pages', async () => {
    addProjectGroups(800);
    const { groups } = directory(1_000);

    const result = await groups.searchGroups('Project');

    expect(result.groups).toHaveLength(1_000);
    expect(result.truncated).toBe(true);
    expect(groupRequests()).toHaveLength(2);
  });

  it('matches every word in any order', async () => {
    const { groups } = directory();

    const result = await groups.searchGroups('team retired');

    expect(result.groups.map((group) => group.id)).toEqual([retiredProjectTeamId]);
    expect(result.groups[0]?.displayName).toBe('Retired Project Team');
    expect(searchParameter()).toBe('"displayName:team" AND "displayName:retired"');
  });

  it('reads a description', async () => {
    const { groups } = directory();

    const result = await groups.searchGroups('All Staff');

    const allStaff = result.groups.find((group) => group.id === allStaffId);
    expect(allStaff?.description).toBe('Every department group.');
  });

  it('keeps quotes out of the search', async () => {
    const { groups } = directory();

    const result = await groups.searchGroups('Kiosk" OR "displayName:Project');

    expect(searchParameter()).toBe('"displayName:Kiosk" AND "displayName:OR" AND "displayName:displayName" AND "displayName:Project"');
    expect(result.groups).toEqual([]);
  });

  it('finds a quoted name', async () => {
    const { groups } = directory();

    const result = await groups.searchGroups('"Kiosk\\"');

    expect(searchParameter()).toBe('"displayName:Kiosk"');
    expect(result.groups.map((group) => group.id)).toEqual([kioskDevicesId]);
  });

  it('makes no call for an empty query', async () => {
    const { groups } = directory();

    const results = [await groups.searchGroups(''), await groups.searchGroups('   '), await groups.searchGroups('"" \\ :')];

    expect(results).toEqual([
      { groups: [], truncated: false },
      { groups: [], truncated: false },
      { groups: [], truncated: false },
    ]);
    expect(sim.requests).toHaveLength(0);
  });

  it('rejects an overlong query', async () => {
    const { groups } = directory();

    const error = await rejection(groups.searchGroups('a b c d e f g h i j k'));

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    expect(sim.requests).toHaveLength(0);
  });

  it('surfaces a 403', async () => {
    sim.fail({ path: '/v1.0/groups', status: 403 });
    const { groups } = directory();

    const error = await rejection(groups.searchGroups('Project'));

    expect(error).toBeInstanceOf(GraphRequestError);
    expect((error as GraphRequestError).status).toBe(403);
    const appError = graphErrorToAppError(error, 'readDirectory');
    expect(appError.code).toBe('graph_permission_missing');
    expect(appError.userMessage).toContain('GroupMember.Read.All');
  });

  it('retries a 429', async () => {
    sim.fail({ path: '/v1.0/groups', status: 429, retryAfter: '2', times: 1 });
    const { groups, delays } = directory();

    const result = await groups.searchGroups('Project');

    expect(result.groups).toHaveLength(20);
    expect(groupRequests()).toHaveLength(2);
    expect(delays).toEqual([2_000]);
  });
});

describe('getGroup', () => {
  it('reads a group', async () => {
    const { groups } = directory();

    const group = await groups.getGroup(allStaffId);

    expect(group).toEqual({ id: allStaffId, displayName: 'All Staff', description: 'Every department group.' });
  });

  it('maps a missing group to not_found', async () => {
    const { groups } = directory();

    const error = await rejection(groups.getGroup(missingGroupId));

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
    expect((error as AppError).cause).toBeInstanceOf(GraphRequestError);
  });

  it('keeps not_found through the flow mapping', async () => {
    const { groups } = directory();

    const error = await rejection(groups.getGroup(missingGroupId));

    expect(graphErrorToAppError(error, 'readDirectory').code).toBe('not_found');
  });

  it('rejects an id that is not a GUID', async () => {
    const { groups } = directory();

    const error = await rejection(groups.getGroup('../users/a1000000-0000-4000-8000-000000000001'));

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    expect(sim.requests).toHaveLength(0);
  });

  it('propagates a 503 as GraphRequestError', async () => {
    sim.fail({ path: `/v1.0/groups/${allStaffId}`, status: 503 });
    const { groups } = directory();

    const error = await rejection(groups.getGroup(allStaffId));

    expect(error).toBeInstanceOf(GraphRequestError);
    expect((error as GraphRequestError).status).toBe(503);
  });
});

describe('memberCounts', () => {
  it('counts users through nested groups', async () => {
    const expectedUsers = seedTransitiveUsers(allStaffId);
    const { groups } = directory();

    const counts = await groups.memberCounts(allStaffId);

    expect(expectedUsers).toBeGreaterThan(0);
    expect(counts.users).toBe(expectedUsers);
    expect(counts.groups).toBe(10);
  });

  it('counts a devices-only group', async () => {
    const expectedDevices = sim.seed.groups.find((group) => group.id === kioskDevicesId)!.members.length;
    const { groups } = directory();

    const counts = await groups.memberCounts(kioskDevicesId);

    expect(expectedDevices).toBeGreaterThan(0);
    expect(counts).toEqual({ users: 0, devices: expectedDevices, groups: 0 });
  });

  it('counts a second devices-only group', async () => {
    const { groups } = directory();

    const counts = await groups.memberCounts(autopilotDevicesId);

    expect(counts.users).toBe(0);
    expect(counts.devices).toBeGreaterThan(0);
  });

  it('counts an empty group', async () => {
    const { groups } = directory();

    const counts = await groups.memberCounts(retiredProjectTeamId);

    expect(counts).toEqual({ users: 0, devices: 0, groups: 0 });
  });

  it('uses $count segments with eventual consistency', async () => {
    const { groups } = directory();

    await groups.memberCounts(retiredProjectTeamId);

    const paths = sim.requests.map((request) => request.path).sort();
    expect(paths).toEqual([
      `/v1.0/groups/${retiredProjectTeamId}/transitiveMembers/microsoft.graph.device/$count`,
      `/v1.0/groups/${retiredProjectTeamId}/transitiveMembers/microsoft.graph.group/$count`,
      `/v1.0/groups/${retiredProjectTeamId}/transitiveMembers/microsoft.graph.user/$count`,
    ]);
    expect(sim.requests.every((request) => request.headers.consistencylevel === 'eventual')).toBe(true);
  });

  it('maps a missing group to not_found', async () => {
    const { groups } = directory();

    const error = await rejection(groups.memberCounts(missingGroupId));

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
  });

  it('rejects an id that is not a GUID', async () => {
    const { groups } = directory();

    const error = await rejection(groups.memberCounts('all-staff'));

    expect((error as AppError).code).toBe('invalid_input');
    expect(sim.requests).toHaveLength(0);
  });

  it('retries a throttled count', async () => {
    sim.fail({ path: /\/microsoft\.graph\.user\/\$count$/, status: 429, retryAfter: '1', times: 1 });
    const { groups, delays } = directory();

    const counts = await groups.memberCounts(retiredProjectTeamId);

    expect(counts.users).toBe(0);
    expect(delays).toEqual([1_000]);
  });
});
