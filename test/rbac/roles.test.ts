import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AppError } from '../../bot/errors.js';
import type { IntuneAction } from '../../bot/policy/authorization.js';
import { callerFor, devices, startRbacFixture, users, type RbacFixture } from './rbac-fixture.js';

let fixture: RbacFixture;

beforeAll(async () => {
  fixture = await startRbacFixture();
});

afterAll(async () => {
  await fixture.close();
});

async function rejection(userId: string, action: IntuneAction): Promise<AppError> {
  const error: unknown = await fixture.authorizer.authorize(callerFor(userId), action).then(
    () => new Error('authorize resolved, expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) {
    throw error;
  }
  return error;
}

const notifyGroups: IntuneAction = { kind: 'notifyGroups' };

function notifyDevice(deviceId?: string): IntuneAction {
  return { kind: 'notifyDevice', device: deviceId === undefined ? undefined : fixture.device(deviceId) };
}

describe('no role', () => {
  it('device send denied', async () => {
    const error = await rejection(users.noahNorole, notifyDevice());
    expect(error.code).toBe('forbidden');
    expect(error.userMessage).toContain("You can't send custom notifications to devices");
    expect(error.userMessage).toContain('Remote tasks: Send custom notifications');
  });

  it('group send denied', async () => {
    const error = await rejection(users.noahNorole, notifyGroups);
    expect(error.code).toBe('forbidden');
    expect(error.userMessage).toContain('Organization: Update');
  });

  it('capabilities deny both', async () => {
    const capabilities = await fixture.authorizer.capabilities(callerFor(users.noahNorole));
    expect(capabilities.notifyDevice.allowed).toBe(false);
    expect(capabilities.notifyGroups.allowed).toBe(false);
  });

  it('global reader denied', async () => {
    const error = await rejection(users.ginaReader, notifyDevice());
    expect(error.code).toBe('forbidden');
  });
});

describe('help desk operator', () => {
  it('device send allowed', async () => {
    await expect(fixture.authorizer.authorize(callerFor(users.hanaHelpdesk), notifyDevice(devices.johannaIphone))).resolves.toBeUndefined();
  });

  it('group send denied', async () => {
    const error = await rejection(users.hanaHelpdesk, notifyGroups);
    expect(error.code).toBe('forbidden');
    expect(error.userMessage).toBe(
      "You can't send custom notifications to groups: your Intune roles don't include Organization: Update. " +
        'Ask an Intune administrator to assign you a role that does, for example a custom role with Organization: Update and Organization: Read.',
    );
  });

  it('capabilities match', async () => {
    const capabilities = await fixture.authorizer.capabilities(callerFor(users.hanaHelpdesk));
    expect(capabilities.notifyDevice).toEqual({ allowed: true });
    expect(capabilities.notifyGroups.allowed).toBe(false);
  });
});

describe('custom role with remote task only', () => {
  it('device send names managed devices read', async () => {
    const error = await rejection(users.noraNotifier, notifyDevice());
    expect(error.code).toBe('forbidden');
    expect(error.userMessage).toContain("don't include Managed devices: Read.");
  });

  it('group send denied', async () => {
    const error = await rejection(users.noraNotifier, notifyGroups);
    expect(error.userMessage).toContain('Organization: Update or Organization: Read');
  });
});

describe('custom role with organization update and read', () => {
  it('group send allowed', async () => {
    await expect(fixture.authorizer.authorize(callerFor(users.benBroadcaster), notifyGroups)).resolves.toBeUndefined();
  });

  it('device send denied', async () => {
    const error = await rejection(users.benBroadcaster, notifyDevice(devices.liamIphone));
    expect(error.code).toBe('forbidden');
    expect(error.userMessage).toBe(
      "You can't send custom notifications to devices: your Intune roles don't include Remote tasks: Send custom notifications or Managed devices: Read. " +
        'Ask an Intune administrator to assign you a role that does, for example Help Desk Operator.',
    );
  });
});

describe('nested group', () => {
  it('device send allowed', async () => {
    await expect(fixture.authorizer.authorize(callerFor(users.nickNested), notifyDevice(devices.liamIphone))).resolves.toBeUndefined();
  });
});

describe('wildcard role', () => {
  it('device send allowed', async () => {
    await expect(fixture.authorizer.authorize(callerFor(users.willWildcard), notifyDevice(devices.liamIphone))).resolves.toBeUndefined();
  });

  it('group send allowed', async () => {
    await expect(fixture.authorizer.authorize(callerFor(users.willWildcard), notifyGroups)).resolves.toBeUndefined();
  });
});

describe('action allowed and not allowed', () => {
  it('device send denied', async () => {
    const error = await rejection(users.danaDenied, notifyDevice());
    expect(error.code).toBe('forbidden');
    expect(error.userMessage).toContain("don't include Remote tasks: Send custom notifications.");
  });
});

describe('intune administrator through role-assignable group', () => {
  it('device send allowed', async () => {
    await expect(fixture.authorizer.authorize(callerFor(users.irisAdmin), notifyDevice(devices.johannaIphone))).resolves.toBeUndefined();
  });

  it('group send allowed', async () => {
    await expect(fixture.authorizer.authorize(callerFor(users.irisAdmin), notifyGroups)).resolves.toBeUndefined();
  });
});

describe('global administrator', () => {
  it('capabilities allow both', async () => {
    const capabilities = await fixture.authorizer.capabilities(callerFor(users.graceGlobal));
    expect(capabilities).toEqual({ notifyDevice: { allowed: true }, notifyGroups: { allowed: true } });
  });

  it('device send allowed', async () => {
    await expect(fixture.authorizer.authorize(callerFor(users.graceGlobal), notifyDevice(devices.londonKiosk))).resolves.toBeUndefined();
  });
});

describe('caller without object id', () => {
  it('denied', async () => {
    const error = await rejection('', notifyGroups);
    expect(error.code).toBe('forbidden');
  });
});

describe('denials', () => {
  it('send nothing', () => {
    expect(fixture.sim.sent).toEqual([]);
  });

  it('make no Graph write', () => {
    expect(fixture.sim.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
