import { describe, expect, it } from 'vitest';
import { getJson, ids, postJson, readAllPages, useSimTenant, type Collection, type GraphErrorBody } from './sim-client.js';

const context = useSimTenant();
const url = (path: string) => `${context.sim.url}${path}`;
const eventual = { ConsistencyLevel: 'eventual' };
const idsOf = (items: Array<Record<string, unknown>>) => items.map((item) => item.id as string);

describe('users', () => {
  it('returns default properties', async () => {
    const { body } = await getJson<Record<string, unknown>>(url(`/v1.0/users/${ids.hana}`));

    expect(body.displayName).toBe('Hana Helpdesk');
    expect(body.userPrincipalName).toBe('hana.helpdesk@contoso.onmicrosoft.com');
    expect(body).not.toHaveProperty('accountEnabled');
  });

  it('returns selected properties', async () => {
    const { body } = await getJson<Record<string, unknown>>(url(`/v1.0/users/${ids.hana}?$select=id,accountEnabled,department`));

    expect(body).toMatchObject({ id: ids.hana, accountEnabled: true, department: 'IT' });
  });

  it('finds a user by UPN', async () => {
    const { body } = await getJson<Record<string, unknown>>(url('/v1.0/users/HANA.HELPDESK@contoso.onmicrosoft.com'));

    expect(body.id).toBe(ids.hana);
  });

  it('answers 404 with directory code', async () => {
    const { status, body } = await getJson<GraphErrorBody>(url('/v1.0/users/dead0000-0000-4000-8000-000000000000'));

    expect(status).toBe(404);
    expect(body.error.code).toBe('Request_ResourceNotFound');
  });

  it('filters with startswith as a prefix', async () => {
    const { body } = await getJson(url(`/v1.0/users?$filter=${encodeURIComponent("startswith(displayName,'hana')")}`));

    expect(idsOf(body.value)).toEqual([ids.hana]);
  });

  it('evaluates or correctly', async () => {
    const filter = encodeURIComponent(`id eq '${ids.hana}' or id eq '${ids.ben}'`);

    const { body } = await getJson(url(`/v1.0/users?$filter=${filter}`));

    expect(idsOf(body.value)).toEqual([ids.hana, ids.ben]);
  });

  it('rejects an unfilterable property', async () => {
    const { status, body } = await getJson<GraphErrorBody>(url(`/v1.0/users?$filter=${encodeURIComponent("mobilePhone eq '1'")}`));

    expect(status).toBe(400);
    expect(body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('also answers under beta', async () => {
    const { status } = await getJson(url(`/beta/users/${ids.hana}`));

    expect(status).toBe(200);
  });
});

describe('transitiveMemberOf', () => {
  it('pages the 250-group user', async () => {
    const { items, pages } = await readAllPages(url(`/v1.0/users/${ids.manny}/transitiveMemberOf`));

    expect(items.length).toBeGreaterThanOrEqual(250);
    expect(pages).toBe(Math.ceil(items.length / 50));
    expect(new Set(idsOf(items)).size).toBe(items.length);
  });

  it('pages at $top=100', async () => {
    const { items, pages } = await readAllPages(url(`/v1.0/users/${ids.manny}/transitiveMemberOf?$top=100&$select=id`));

    expect(pages).toBe(3);
    expect(items.length).toBeGreaterThanOrEqual(250);
  });

  it('includes nested groups with types', async () => {
    const { items } = await readAllPages(url(`/v1.0/users/${ids.nick}/transitiveMemberOf`));

    expect(idsOf(items)).toEqual(expect.arrayContaining([ids.helpdeskTier2, ids.intuneHelpdesk]));
    expect(items.every((item) => item['@odata.type'] === '#microsoft.graph.group')).toBe(true);
  });

  it('lists direct directory roles', async () => {
    const { items } = await readAllPages(url(`/v1.0/users/${ids.grace}/transitiveMemberOf?$select=id,roleTemplateId`));

    const roles = items.filter((item) => item['@odata.type'] === '#microsoft.graph.directoryRole');
    expect(roles.map((role) => role.roleTemplateId)).toEqual([ids.globalAdministratorTemplate]);
  });

  it('leaves out roles held through groups', async () => {
    const { items } = await readAllPages(url(`/v1.0/users/${ids.iris}/transitiveMemberOf`));

    expect(idsOf(items)).toContain(ids.intuneAdmins);
    expect(items.some((item) => item['@odata.type'] === '#microsoft.graph.directoryRole')).toBe(false);
  });

  it('memberOf lists direct groups only', async () => {
    const { items } = await readAllPages(url(`/v1.0/users/${ids.nick}/memberOf`));

    expect(idsOf(items)).toContain(ids.helpdeskTier2);
    expect(idsOf(items)).not.toContain(ids.intuneHelpdesk);
  });

  it('casts need ConsistencyLevel and $count', async () => {
    const castUrl = url(`/v1.0/users/${ids.grace}/transitiveMemberOf/microsoft.graph.directoryRole`);

    const plain = await getJson<GraphErrorBody>(castUrl);
    const advanced = await getJson(`${castUrl}?$count=true`, eventual);

    expect(plain.status).toBe(400);
    expect(plain.body.error.code).toBe('Request_UnsupportedQuery');
    expect(advanced.status).toBe(200);
    expect(advanced.body['@odata.count']).toBe(1);
    expect(advanced.body['@odata.context']).toContain('#directoryRoles');
  });

  it('serves Entra devices too', async () => {
    const kiosk = context.sim.seed.devices.find((device) => device.displayName === 'KIOSK-LDN-LOBBY-01')!;
    const filter = encodeURIComponent(`deviceId eq '${kiosk.deviceId}'`);

    const found = await getJson(url(`/v1.0/devices?$filter=${filter}&$select=id`));
    const { items } = await readAllPages(url(`/v1.0/devices/${kiosk.id}/transitiveMemberOf?$select=id`));

    expect(idsOf(found.body.value)).toEqual([kiosk.id]);
    expect(idsOf(items)).toEqual(expect.arrayContaining([ids.londonUsers, ids.kioskDevices]));
  });
});

describe('member group checks', () => {
  it('checkMemberGroups is transitive', async () => {
    const { status, text } = await postJson(url(`/v1.0/users/${ids.nick}/checkMemberGroups`), JSON.stringify({ groupIds: [ids.intuneHelpdesk, ids.broadcastApprovers] }));

    expect(status).toBe(200);
    expect((JSON.parse(text) as Collection).value).toEqual([ids.intuneHelpdesk]);
  });

  it('checkMemberGroups caps at 20 ids', async () => {
    const groupIds = Array.from({ length: 21 }, () => ids.intuneHelpdesk);

    const { status } = await postJson(url(`/v1.0/users/${ids.nick}/checkMemberGroups`), JSON.stringify({ groupIds }));

    expect(status).toBe(400);
  });

  it('getMemberGroups filters security groups', async () => {
    const all = await postJson(url(`/v1.0/users/${ids.manny}/getMemberGroups`), JSON.stringify({ securityEnabledOnly: false }));
    const security = await postJson(url(`/v1.0/users/${ids.manny}/getMemberGroups`), JSON.stringify({ securityEnabledOnly: true }));

    const allIds = (JSON.parse(all.text) as Collection).value;
    const securityIds = (JSON.parse(security.text) as Collection).value;
    expect(allIds.length).toBeGreaterThanOrEqual(250);
    expect(securityIds.length).toBeLessThan(allIds.length);
  });

  it('getMemberGroups needs its flag', async () => {
    const { status } = await postJson(url(`/v1.0/users/${ids.manny}/getMemberGroups`), '{}');

    expect(status).toBe(400);
  });
});

describe('groups', () => {
  const search = encodeURIComponent('"displayName:helpdesk"');

  it('$search needs ConsistencyLevel', async () => {
    const { status, body } = await getJson<GraphErrorBody>(url(`/v1.0/groups?$search=${search}`));

    expect(status).toBe(400);
    expect(body.error.code).toBe('Request_UnsupportedQuery');
    expect(body.error.message).toContain('ConsistencyLevel');
  });

  it('$search matches word prefixes', async () => {
    const { status, body } = await getJson(url(`/v1.0/groups?$search=${search}`), eventual);

    expect(status).toBe(200);
    expect(body.value.map((group) => group.displayName).sort()).toEqual(['Helpdesk - London', 'Helpdesk Tier 2', 'Intune Helpdesk', 'Restricted Helpdesk']);
  });

  it('filters by displayName prefix', async () => {
    const { body } = await getJson(url(`/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'dept - ')")}&$top=100`));

    expect(body.value).toHaveLength(10);
  });

  it('$count needs ConsistencyLevel', async () => {
    const plain = await getJson(url('/v1.0/groups?$count=true'));
    const advanced = await getJson(url('/v1.0/groups?$count=true'), eventual);

    expect(plain.status).toBe(400);
    expect(advanced.body['@odata.count']).toBe(context.sim.seed.groups.length);
  });

  it('lists typed transitive members', async () => {
    const { items } = await readAllPages(url(`/v1.0/groups/${ids.londonUsers}/transitiveMembers`));

    const types = new Set(items.map((item) => item['@odata.type']));
    expect(types).toEqual(new Set(['#microsoft.graph.user', '#microsoft.graph.device']));
  });

  it('resolves nested members', async () => {
    const direct = await readAllPages(url(`/v1.0/groups/${ids.intuneHelpdesk}/members`));
    const transitive = await readAllPages(url(`/v1.0/groups/${ids.intuneHelpdesk}/transitiveMembers`));

    expect(idsOf(direct.items)).toEqual([ids.hana, ids.helpdeskTier2]);
    expect(idsOf(transitive.items)).toEqual([ids.hana, ids.helpdeskTier2, ids.nick]);
  });

  it('counts users through $count segment', async () => {
    const countUrl = url(`/v1.0/groups/${ids.allStaff}/transitiveMembers/microsoft.graph.user/$count`);

    const plain = await fetch(countUrl);
    const advanced = await fetch(countUrl, { headers: eventual });

    expect(plain.status).toBe(400);
    expect(Number(await advanced.text())).toBe(context.sim.seed.users.length);
  });

  it('has a group without users', async () => {
    const { items } = await readAllPages(url(`/v1.0/groups/${ids.kioskDevices}/members`));

    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item['@odata.type'] === '#microsoft.graph.device')).toBe(true);
  });

  it('has an empty group', async () => {
    const { items } = await readAllPages(url(`/v1.0/groups/${ids.retiredProject}/members`));

    expect(items).toEqual([]);
  });
});

describe('directory roles', () => {
  it('lists members by template id', async () => {
    const { items } = await readAllPages(url(`/v1.0/directoryRoles(roleTemplateId='${ids.intuneAdministratorTemplate}')/members?$select=id`));

    expect(idsOf(items)).toEqual([ids.intuneAdmins]);
  });

  it('answers 404 for an inactive role', async () => {
    const { status } = await getJson(url("/v1.0/directoryRoles(roleTemplateId='729827e3-9c14-49f7-bb1b-9608f156bbb8')/members"));

    expect(status).toBe(404);
  });

  it('transitiveRoleAssignments shows the group', async () => {
    const filter = encodeURIComponent(`principalId eq '${ids.iris}'`);

    const { status, body } = await getJson(url(`/beta/roleManagement/directory/transitiveRoleAssignments?$filter=${filter}`));

    expect(status).toBe(200);
    expect(body.value).toEqual([expect.objectContaining({ principalId: ids.intuneAdmins, roleDefinitionId: ids.intuneAdministratorTemplate, directoryScopeId: '/' })]);
  });

  it('transitiveRoleAssignments needs principalId', async () => {
    const { status } = await getJson(url('/beta/roleManagement/directory/transitiveRoleAssignments'));

    expect(status).toBe(400);
  });
});
