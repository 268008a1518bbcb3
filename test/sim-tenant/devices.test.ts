import { describe, expect, it } from 'vitest';
import { getJson, ids, readAllPages, useSimTenant, type GraphErrorBody } from './sim-client.js';

const context = useSimTenant();
const devicesUrl = (query = '', version = 'beta') => `${context.sim.url}/${version}/deviceManagement/managedDevices${query}`;
const filtered = (filter: string) => devicesUrl(`?$filter=${encodeURIComponent(filter)}`);
const names = (items: Array<Record<string, unknown>>) => items.map((item) => item.deviceName as string);

describe('managedDevices paging', () => {
  it('returns every device once', async () => {
    const { items, pages } = await readAllPages(devicesUrl());

    const seeded = context.sim.seed.managedDevices.map((device) => device.id);
    expect(seeded.length).toBeGreaterThanOrEqual(300);
    expect(pages).toBe(Math.ceil(seeded.length / 50));
    expect(items.map((item) => item.id)).toEqual(seeded);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it('puts the sim origin in nextLink', async () => {
    const { body } = await getJson(devicesUrl());

    expect(body['@odata.nextLink']).toMatch(new RegExp(`^${context.sim.url}/beta/deviceManagement/managedDevices\\?.*\\$skiptoken=`));
    expect(body['@odata.context']).toBe(`${context.sim.url}/beta/$metadata#deviceManagement/managedDevices`);
    expect(body.value).toHaveLength(50);
  });

  it('keeps the filter across pages', async () => {
    const { items, pages } = await readAllPages(filtered("startswith(deviceName,'LT-')"));

    expect(items.length).toBeGreaterThan(100);
    expect(pages).toBeGreaterThan(2);
    expect(names(items).every((name) => name.toUpperCase().includes('LT-'))).toBe(true);
  });

  it('uses $top as the page size', async () => {
    const { body } = await getJson(devicesUrl('?$top=7'));

    expect(body.value).toHaveLength(7);
    expect(body['@odata.nextLink']).toContain('$top=7');
  });

  it('rejects a forged skip token', async () => {
    const { status, body } = await getJson<GraphErrorBody>(devicesUrl('?$skiptoken=abc'));

    expect(status).toBe(400);
    expect(body.error.code).toBe('BadRequest');
  });

  it('answers $skip with an empty page', async () => {
    const { body } = await getJson(devicesUrl('?$skip=50'));

    expect(body.value).toEqual([]);
    expect(body['@odata.nextLink']).toBeUndefined();
  });

  it('counts matches with $count', async () => {
    const { body } = await getJson(devicesUrl('?$count=true'));

    expect(body['@odata.count']).toBe(context.sim.seed.managedDevices.length);
  });
});

describe('managedDevices $filter', () => {
  it('treats startswith as contains', async () => {
    const { items } = await readAllPages(filtered("startswith(deviceName,'lt-')"));

    expect(names(items)).toContain('LT-0001');
    expect(names(items)).toContain('BACKUP-LT-01');
    expect(names(items)).toContain('BACKUP-LT-02');
  });

  it('matches inside names for hana', async () => {
    const { items } = await readAllPages(filtered("startswith(deviceName,'HANA')"));

    expect(names(items)).toEqual(expect.arrayContaining(['HANA-IPHONE-01', 'SHANA-IPHONE-01']));
  });

  it('returns only the first clause of or', async () => {
    const { items } = await readAllPages(filtered("startswith(deviceName,'MBP-') or startswith(deviceName,'COPE-')"));

    expect(items.length).toBeGreaterThan(0);
    expect(names(items).every((name) => name.startsWith('MBP-'))).toBe(true);
  });

  it('intersects and clauses', async () => {
    const { items } = await readAllPages(filtered("startswith(deviceName,'LT-') and userId eq '" + ids.hana + "'"));

    expect(names(items).sort()).toEqual(['LT-0002', 'LT-0054', 'LT-0108']);
  });

  it('unescapes doubled quotes', async () => {
    const { items } = await readAllPages(filtered("startswith(userPrincipalName,'jack.o''brien')"));

    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.userPrincipalName === "jack.o'brien@contoso.onmicrosoft.com")).toBe(true);
  });

  it('filters by serial number', async () => {
    const device = context.sim.seed.managedDevices[40]!;

    const { items } = await readAllPages(filtered(`serialNumber eq '${device.serialNumber.toLowerCase()}'`));

    expect(items.map((item) => item.id)).toEqual([device.id]);
  });

  it('filters by deviceType', async () => {
    const { items } = await readAllPages(filtered("deviceType eq 'androidForWork'"));

    const expected = context.sim.seed.managedDevices.filter((device) => device.deviceType === 'androidForWork').length;
    expect(items).toHaveLength(expected);
  });

  it('returns all for unsupported properties', async () => {
    const { items } = await readAllPages(filtered("skuFamily eq 'x'"));

    expect(items).toHaveLength(context.sim.seed.managedDevices.length);
  });

  it('rejects a malformed filter', async () => {
    const { status, body, response } = await getJson<GraphErrorBody>(filtered("startswith(deviceName,'LT-'"));

    expect(status).toBe(400);
    expect(body.error.code).toBe('BadRequest');
    expect(body.error.innerError['request-id']).toBe(response.headers.get('request-id'));
  });

  it('rejects an unterminated string', async () => {
    const { status } = await getJson(filtered("deviceName eq 'LT-0001"));

    expect(status).toBe(400);
  });
});

describe('managedDevices $select', () => {
  it('returns only selected properties', async () => {
    const { body } = await getJson(devicesUrl('?$select=id,deviceName&$top=1'));

    expect(Object.keys(body.value[0]!).sort()).toEqual(['@odata.type', 'deviceName', 'id']);
    expect(body['@odata.context']).toContain('managedDevices(id,deviceName)');
  });

  it('rejects an unknown property', async () => {
    const { status, body } = await getJson<GraphErrorBody>(devicesUrl('?$select=id,nonsense'));

    expect(status).toBe(400);
    expect(body.error.message).toContain('nonsense');
  });

  it('has no deviceType in v1.0', async () => {
    const { status } = await getJson(devicesUrl('?$select=deviceType', 'v1.0'));
    const { body } = await getJson(devicesUrl('?$top=1', 'v1.0'));

    expect(status).toBe(400);
    expect(body.value[0]).not.toHaveProperty('deviceType');
  });

  it('maps newer enrollment types in v1.0', async () => {
    const { body } = await getJson<Record<string, unknown>>(`${devicesUrl('', 'v1.0')}/${ids.londonKiosk}`);

    expect(body.deviceEnrollmentType).toBe('unknownFutureValue');
  });
});

describe('managedDevices by id', () => {
  it('returns the device', async () => {
    const { status, body } = await getJson<Record<string, unknown>>(`${devicesUrl()}/${ids.hanaIphone}`);

    expect(status).toBe(200);
    expect(body.deviceName).toBe('HANA-IPHONE-01');
    expect(body['@odata.context']).toBe(`${context.sim.url}/beta/$metadata#deviceManagement/managedDevices/$entity`);
  });

  it('answers 404 in Graph shape', async () => {
    const missing = 'dead0000-0000-4000-8000-000000000000';

    const { status, body, response } = await getJson<GraphErrorBody>(`${devicesUrl()}/${missing}`);

    expect(status).toBe(404);
    expect(body.error.code).toBe('ResourceNotFound');
    expect(body.error.message).toContain(missing);
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.error.innerError['request-id']).toBe(response.headers.get('request-id'));
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('lists a user’s devices', async () => {
    const { items } = await readAllPages(`${context.sim.url}/beta/users/${ids.liam}/managedDevices?$select=deviceType`);

    expect(new Set(items.map((item) => item.deviceType))).toEqual(new Set(['iPhone', 'iPad', 'androidForWork', 'androidEnterprise', 'windowsRT', 'macMDM']));
  });
});
