import { describe, expect, it } from 'vitest';
import { loadSeed } from '../../bot/sim-tenant/index.js';
import { ids } from './sim-client.js';

const seed = loadSeed();
const kind = (device: (typeof seed.managedDevices)[number]) => `${device.deviceType}/${device.deviceEnrollmentType}/${device.managedDeviceOwnerType}`;

describe('seed', () => {
  it('has the five operators', () => {
    const operators = seed.users.filter((user) => user.id.startsWith('a1000000-0000-4000-8000-00000000000')).map((user) => [user.id, user.displayName]);

    expect(operators).toEqual(expect.arrayContaining([
      ['a1000000-0000-4000-8000-000000000001', 'Hana Helpdesk'],
      ['a1000000-0000-4000-8000-000000000002', 'Ben Broadcaster'],
      ['a1000000-0000-4000-8000-000000000003', 'Ava Approver'],
      ['a1000000-0000-4000-8000-000000000004', 'Noah Norole'],
      ['a1000000-0000-4000-8000-000000000005', 'Iris Admin'],
    ]));
  });

  it('has at least 300 devices', () => {
    expect(seed.managedDevices.length).toBeGreaterThanOrEqual(300);
  });

  it('covers every platform', () => {
    const kinds = new Set(seed.managedDevices.map(kind));

    for (const expected of [
      'iPhone/appleBulkWithUser/company',
      'androidForWork/userEnrollment/personal',
      'androidEnterprise/androidEnterpriseFullyManaged/company',
      'androidEnterprise/androidEnterpriseDedicatedDevice/company',
      'androidEnterprise/androidEnterpriseCorporateWorkProfile/company',
      'android/userEnrollment/personal',
    ]) {
      expect(kinds).toContain(expected);
    }
    expect(seed.managedDevices.some((device) => device.deviceType === 'iPad')).toBe(true);
    expect(seed.managedDevices.some((device) => device.operatingSystem === 'Windows')).toBe(true);
    expect(seed.managedDevices.some((device) => device.operatingSystem === 'macOS')).toBe(true);
  });

  it('has devices without a primary user', () => {
    expect(seed.managedDevices.find((device) => device.deviceName === 'SPARE-IPAD-01')?.userId).toBe('');
  });

  it('has unique device ids and serials', () => {
    expect(new Set(seed.managedDevices.map((device) => device.id)).size).toBe(seed.managedDevices.length);
    expect(new Set(seed.managedDevices.map((device) => device.serialNumber)).size).toBe(seed.managedDevices.length);
  });

  it('links every device to an Entra device', () => {
    const entraIds = new Set(seed.devices.map((device) => device.deviceId));

    expect(seed.managedDevices.every((device) => entraIds.has(device.azureADDeviceId))).toBe(true);
  });

  it('references only existing members', () => {
    const objectIds = new Set([...seed.users, ...seed.groups, ...seed.devices].map((object) => object.id));
    const referenced = [...seed.groups.flatMap((group) => group.members), ...seed.directoryRoles.flatMap((role) => role.members), ...seed.roleAssignments.flatMap((assignment) => [...assignment.members, ...assignment.resourceScopes])];

    expect(referenced.filter((id) => !objectIds.has(id))).toEqual([]);
  });

  it('links assignments to definitions', () => {
    const definitionIds = new Set(seed.roleDefinitions.map((definition) => definition.id));

    expect(seed.roleAssignments.every((assignment) => definitionIds.has(assignment.roleDefinitionId))).toBe(true);
    expect(definitionIds).toContain(ids.helpDeskOperator);
  });
});
