import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSimTenant, type SimTenant, type SimTenantOptions } from '../../bot/sim-tenant/index.js';

/** Notable seed ids the tests refer to. */
export const ids = {
  hana: 'a1000000-0000-4000-8000-000000000001',
  ben: 'a1000000-0000-4000-8000-000000000002',
  ava: 'a1000000-0000-4000-8000-000000000003',
  iris: 'a1000000-0000-4000-8000-000000000005',
  grace: 'a1000000-0000-4000-8000-000000000006',
  nick: 'a1000000-0000-4000-8000-000000000008',
  manny: 'a1000000-0000-4000-8000-000000000012',
  leo: 'a1000000-0000-4000-8000-000000000014',
  liam: 'a2000000-0000-4000-8000-000000000001',
  intuneHelpdesk: 'b1000000-0000-4000-8000-000000000001',
  helpdeskTier2: 'b1000000-0000-4000-8000-000000000002',
  broadcastApprovers: 'b1000000-0000-4000-8000-000000000004',
  intuneAdmins: 'b1000000-0000-4000-8000-000000000006',
  londonUsers: 'b1000000-0000-4000-8000-000000000011',
  allStaff: 'b1000000-0000-4000-8000-000000000012',
  kioskDevices: 'b1000000-0000-4000-8000-000000000026',
  retiredProject: 'b1000000-0000-4000-8000-000000000028',
  helpDeskOperator: '9e0cc482-82df-4ab2-a24c-0c23a3f52e1e',
  helpdeskAllDevices: 'c2000000-0000-4000-8000-000000000001',
  intuneAdministratorTemplate: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  globalAdministratorTemplate: '62e90394-69f5-4237-9190-012177145e10',
  hanaIphone: 'e1000000-0000-4000-8000-000000000001',
  londonKiosk: 'e1000000-0000-4000-8000-000000000008',
} as const;

export interface Collection {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: Array<Record<string, unknown>>;
}

export interface GraphErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}

/** Starts one simulated tenant for the test file and resets it before each test. */
export function useSimTenant(options: SimTenantOptions = {}): { readonly sim: SimTenant } {
  const holder: { sim?: SimTenant } = {};
  beforeAll(async () => {
    holder.sim = await startSimTenant({ port: 0, ...options });
  });
  afterAll(() => holder.sim?.close());
  beforeEach(() => holder.sim?.reset());
  return {
    get sim() {
      if (holder.sim === undefined) {
        throw new Error('The simulated tenant is not running yet');
      }
      return holder.sim;
    },
  };
}

export async function getJson<T = Collection>(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; response: Response }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T, response };
}

export async function postJson(url: string, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }): Promise<{ status: number; text: string; response: Response }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text(), response };
}

/** Follows @odata.nextLink to the end and returns every item and the number of pages. */
export async function readAllPages(url: string, headers: Record<string, string> = {}): Promise<{ items: Array<Record<string, unknown>>; pages: number }> {
  const items: Array<Record<string, unknown>> = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next !== undefined) {
    const { status, body }: { status: number; body: Collection } = await getJson(next, headers);
    if (status !== 200) {
      throw new Error(`GET ${next} answered ${status}`);
    }
    items.push(...body.value);
    next = body['@odata.nextLink'];
    pages += 1;
  }
  return { items, pages };
}
