import { describe, expect, it } from 'vitest';
import { getJson, ids, readAllPages, useSimTenant, type GraphErrorBody } from './sim-client.js';

const context = useSimTenant();
const url = (path: string) => `${context.sim.url}${path}`;

describe('role definitions', () => {
  it('keeps both permission lists on beta', async () => {
    const { body } = await getJson<Record<string, unknown>>(url(`/beta/deviceManagement/roleDefinitions/${ids.helpDeskOperator}`));

    expect(body.displayName).toBe('Help Desk Operator');
    expect(body).toHaveProperty('rolePermissions');
    expect(body).toHaveProperty('permissions');
    expect(body.isBuiltIn).toBe(true);
  });

  it('grants custom notifications but not Organization_Update', async () => {
    const { body } = await getJson<{ rolePermissions: Array<{ resourceActions: Array<{ allowedResourceActions: string[] }> }> }>(
      url(`/beta/deviceManagement/roleDefinitions/${ids.helpDeskOperator}`),
    );

    const allowed = body.rolePermissions.flatMap((permission) => permission.resourceActions.flatMap((action) => action.allowedResourceActions));
    expect(allowed).toContain('Microsoft.Intune_RemoteTasks_CustomNotification');
    expect(allowed).toContain('Microsoft.Intune_ManagedDevices_Read');
    expect(allowed).not.toContain('Microsoft.Intune_Organization_Update');
  });

  it('has a legacy-only definition', async () => {
    const { items } = await readAllPages(url('/beta/deviceManagement/roleDefinitions'));

    const legacyOnly = items.filter((item) => item.permissions !== undefined && item.rolePermissions === undefined);
    expect(legacyOnly.map((item) => item.displayName)).toEqual(['Intune Superuser']);
  });

  it('uses the v1.0 shape on v1.0', async () => {
    const { body } = await getJson<Record<string, unknown>>(url(`/v1.0/deviceManagement/roleDefinitions/${ids.helpDeskOperator}`));

    expect(body).not.toHaveProperty('permissions');
    expect(body).not.toHaveProperty('isBuiltInRoleDefinition');
    expect(JSON.stringify(body.rolePermissions)).not.toContain('"actions"');
  });

  it('pages with a small page size', async () => {
    const { items, pages } = await readAllPages(url('/beta/deviceManagement/roleDefinitions?$top=2'));

    expect(items).toHaveLength(context.sim.seed.roleDefinitions.length);
    expect(pages).toBe(Math.ceil(items.length / 2));
  });

  it('answers 404 for a missing definition', async () => {
    const { status, body } = await getJson<GraphErrorBody>(url('/beta/deviceManagement/roleDefinitions/dead0000-0000-4000-8000-000000000000'));

    expect(status).toBe(404);
    expect(body.error.code).toBe('ResourceNotFound');
  });
});

describe('role assignments', () => {
  it('omits members under a definition', async () => {
    const { items } = await readAllPages(url(`/beta/deviceManagement/roleDefinitions/${ids.helpDeskOperator}/roleAssignments`));

    expect(items.map((item) => item.id).sort()).toEqual([ids.helpdeskAllDevices, 'c2000000-0000-4000-8000-000000000006']);
    expect(items.some((item) => 'members' in item)).toBe(false);
  });

  it('includes members by id', async () => {
    const { body } = await getJson<Record<string, unknown>>(url(`/beta/deviceManagement/roleAssignments/${ids.helpdeskAllDevices}`));

    expect(body.members).toEqual([ids.intuneHelpdesk]);
    expect(body.scopeType).toBe('allDevicesAndLicensedUsers');
    expect(body).not.toHaveProperty('roleDefinitionId');
  });

  it('includes members in the list', async () => {
    const { items } = await readAllPages(url('/beta/deviceManagement/roleAssignments'));

    expect(items).toHaveLength(context.sim.seed.roleAssignments.length);
    expect(items.every((item) => Array.isArray(item.members))).toBe(true);
  });

  it('shows the scoped assignment', async () => {
    const { body } = await getJson<Record<string, unknown>>(url('/beta/deviceManagement/roleAssignments/c2000000-0000-4000-8000-000000000006'));

    expect(body).toMatchObject({ scopeType: 'resourceScope', resourceScopes: [ids.londonUsers], scopeMembers: [ids.londonUsers] });
  });

  it('navigates to the definition', async () => {
    const { body } = await getJson<Record<string, unknown>>(url(`/beta/deviceManagement/roleAssignments/${ids.helpdeskAllDevices}/roleDefinition`));

    expect(body.id).toBe(ids.helpDeskOperator);
  });

  it('expands the definition', async () => {
    const { items } = await readAllPages(url('/beta/deviceManagement/roleAssignments?$expand=roleDefinition'));

    expect((items[0]?.roleDefinition as Record<string, unknown>).id).toBe(ids.helpDeskOperator);
  });

  it('has no assignment list under v1.0 definitions', async () => {
    const { status } = await getJson(url(`/v1.0/deviceManagement/roleDefinitions/${ids.helpDeskOperator}/roleAssignments`));

    expect(status).toBe(400);
  });
});
