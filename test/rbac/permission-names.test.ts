import { describe, expect, it } from 'vitest';

import { describePermission, intuneActions, listPermissions } from '../../bot/policy/rbac/permission-names.js';

describe('describePermission', () => {
  it.each([
    [intuneActions.sendCustomNotification, 'Remote tasks: Send custom notifications'],
    [intuneActions.readManagedDevices, 'Managed devices: Read'],
    [intuneActions.updateOrganization, 'Organization: Update'],
    [intuneActions.readOrganization, 'Organization: Read'],
    ['Microsoft.Intune_AuditData_Read', 'Audit data: Read'],
    ['something else', 'something else'],
  ])('names %s', (action, name) => {
    expect(describePermission(action)).toBe(name);
  });
});

describe('listPermissions', () => {
  it('joins two names with or', () => {
    expect(listPermissions([intuneActions.updateOrganization, intuneActions.readOrganization])).toBe('Organization: Update or Organization: Read');
  });
});
