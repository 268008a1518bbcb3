import { describe, expect, it } from 'vitest';

import {
  compileRules,
  computeEffectivePermissions,
  findMissingActions,
  type CallerDirectory,
  type IntuneRoleAssignment,
  type RoleCatalog,
} from '../../bot/policy/rbac/effective-permissions.js';
import { intuneActions, requiredActions } from '../../bot/policy/rbac/permission-names.js';

const userId = 'u-1';

function caller(groupIds: string[], directoryRoleTemplateIds: string[] = []): CallerDirectory {
  return { userId, groupIds: new Set(groupIds), directoryRoleTemplateIds: new Set(directoryRoleTemplateIds) };
}

function assignment(id: string, roleDefinitionId: string, memberIds: string[]): IntuneRoleAssignment {
  return { id, roleDefinitionId, memberIds, scope: { kind: 'allDevices' } };
}

function catalog(overrides: Partial<RoleCatalog> = {}): RoleCatalog {
  return {
    definitions: new Map([
      ['remote', { id: 'remote', displayName: 'Remote only', rules: [{ allowedResourceActions: [intuneActions.sendCustomNotification], notAllowedResourceActions: [] }] }],
      ['read', { id: 'read', displayName: 'Device reader', rules: [{ allowedResourceActions: [intuneActions.readManagedDevices], notAllowedResourceActions: [] }] }],
      [
        'all-but-remote',
        { id: 'all-but-remote', displayName: 'All but remote', rules: [{ allowedResourceActions: ['*'], notAllowedResourceActions: [intuneActions.sendCustomNotification] }] },
      ],
    ]),
    assignments: [],
    administratorPrincipals: new Map(),
    ...overrides,
  };
}

describe('compileRules', () => {
  it('allows listed action', () => {
    const allows = compileRules([{ allowedResourceActions: [intuneActions.readOrganization], notAllowedResourceActions: [] }]);
    expect(allows(intuneActions.readOrganization)).toBe(true);
  });

  it('rejects unlisted action', () => {
    const allows = compileRules([{ allowedResourceActions: [intuneActions.readOrganization], notAllowedResourceActions: [] }]);
    expect(allows(intuneActions.updateOrganization)).toBe(false);
  });

  it('wildcard allows any action', () => {
    const allows = compileRules([{ allowedResourceActions: ['*'], notAllowedResourceActions: [] }]);
    expect(allows(intuneActions.updateOrganization)).toBe(true);
  });

  it('not-allowed wins within definition', () => {
    const allows = compileRules([
      { allowedResourceActions: [intuneActions.updateOrganization], notAllowedResourceActions: [] },
      { allowedResourceActions: [], notAllowedResourceActions: [intuneActions.updateOrganization] },
    ]);
    expect(allows(intuneActions.updateOrganization)).toBe(false);
  });

  it('matches case-insensitively', () => {
    const allows = compileRules([{ allowedResourceActions: ['microsoft.intune_organization_read'], notAllowedResourceActions: [] }]);
    expect(allows(intuneActions.readOrganization)).toBe(true);
  });
});

describe('computeEffectivePermissions', () => {
  it('grants nothing without matching assignment', () => {
    const permissions = computeEffectivePermissions(catalog({ assignments: [assignment('a1', 'remote', ['g-other'])] }), caller(['g-1']));
    expect(permissions).toEqual({ kind: 'roles', grants: [] });
  });

  it('unions actions across assignments', () => {
    const assignments = [assignment('a1', 'remote', ['g-1']), assignment('a2', 'read', ['g-2'])];
    const permissions = computeEffectivePermissions(catalog({ assignments }), caller(['g-1', 'g-2']));
    expect(findMissingActions(permissions, requiredActions.notifyDevice)).toEqual([]);
  });

  it('reports each missing action', () => {
    const permissions = computeEffectivePermissions(catalog({ assignments: [assignment('a1', 'remote', ['g-1'])] }), caller(['g-1']));
    expect(findMissingActions(permissions, requiredActions.notifyDevice)).toEqual([intuneActions.readManagedDevices]);
  });

  it('subtracts not-allowed per definition', () => {
    const assignments = [assignment('a1', 'all-but-remote', ['g-1']), assignment('a2', 'remote', ['g-2'])];
    const permissions = computeEffectivePermissions(catalog({ assignments }), caller(['g-1', 'g-2']));
    expect(findMissingActions(permissions, requiredActions.notifyDevice)).toEqual([]);
  });

  it('ignores assignment of unknown definition', () => {
    const permissions = computeEffectivePermissions(catalog({ assignments: [assignment('a1', 'gone', ['g-1'])] }), caller(['g-1']));
    expect(findMissingActions(permissions, requiredActions.notifyGroups)).toEqual(requiredActions.notifyGroups);
  });

  it('directory role makes administrator', () => {
    const permissions = computeEffectivePermissions(catalog(), caller([], ['3a2c62db-5318-420d-8d74-23affee5d9d5']));
    expect(permissions).toEqual({ kind: 'administrator', roleName: 'Intune Administrator' });
  });

  it('administrator group makes administrator', () => {
    const administratorPrincipals = new Map([['g-admins', 'Global Administrator']]);
    const permissions = computeEffectivePermissions(catalog({ administratorPrincipals }), caller(['g-admins']));
    expect(permissions).toEqual({ kind: 'administrator', roleName: 'Global Administrator' });
  });

  it('other directory role grants nothing', () => {
    const helpdeskAdministrator = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
    const permissions = computeEffectivePermissions(catalog(), caller([], [helpdeskAdministrator]));
    expect(permissions).toEqual({ kind: 'roles', grants: [] });
  });
});
