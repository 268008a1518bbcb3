import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AppError } from '../../bot/errors.js';
import { callerFor, devices, startRbacFixture, users, type RbacFixture } from './rbac-fixture.js';

let fixture: RbacFixture;

beforeAll(async () => {
  fixture = await startRbacFixture();
});

afterAll(async () => {
  await fixture.close();
});

const sam = callerFor(users.samScoped);

describe('assignment scoped to London Users', () => {
  it('flow start allowed', async () => {
    await expect(fixture.authorizer.authorize(sam, { kind: 'notifyDevice' })).resolves.toBeUndefined();
  });

  it('device of member user allowed', async () => {
    await expect(fixture.authorizer.authorize(sam, { kind: 'notifyDevice', device: fixture.device(devices.liamIphone) })).resolves.toBeUndefined();
  });

  it('device in scope group allowed', async () => {
    await expect(fixture.authorizer.authorize(sam, { kind: 'notifyDevice', device: fixture.device(devices.londonKiosk) })).resolves.toBeUndefined();
  });

  it('device outside scope denied', async () => {
    const error: unknown = await fixture.authorizer.authorize(sam, { kind: 'notifyDevice', device: fixture.device(devices.johannaIphone) }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('forbidden');
    expect((error as AppError).userMessage).toContain('JOHANNA-IPHONE-01');
    expect((error as AppError).userMessage).toContain('Remote tasks: Send custom notifications');
  });

  it('group send denied', async () => {
    const error: unknown = await fixture.authorizer.authorize(sam, { kind: 'notifyGroups' }).catch((reason: unknown) => reason);
    expect((error as AppError).code).toBe('forbidden');
  });

  it('sends nothing', () => {
    expect(fixture.sim.sent).toEqual([]);
  });
});
