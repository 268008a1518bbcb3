/**
 * Data builders shared by the storage tests and their child processes. This file imports nothing
 * from vitest, because the child processes run outside it.
 */
import type { Draft, DraftKind, NewAttempt, QuotaWindow, Store } from '../../bot/storage/store.js';

export const tenantId = '11111111-1111-4111-8111-111111111111';
export const otherTenantId = '22222222-2222-4222-8222-222222222222';
export const hourMs = 60 * 60 * 1000;
export const minuteMs = 60 * 1000;
export const deviceQuota: QuotaWindow = { limit: 10, windowMs: hourMs };
export const groupQuota: QuotaWindow = { limit: 25, windowMs: hourMs };
export const startTime = new Date('2025-03-01T09:00:00.000Z');

export function at(offsetMs: number): Date {
  return new Date(startTime.getTime() + offsetMs);
}

export function createDraft(store: Store, id: string, options: { kind?: DraftKind; tenant?: string; now?: Date } = {}): Promise<Draft> {
  return store.createDraft({
    id,
    kind: options.kind ?? 'device',
    tenantId: options.tenant ?? tenantId,
    ownerAadObjectId: 'owner-1',
    payload: { title: `title of ${id}` },
    now: options.now ?? startTime,
  });
}

export function deviceAttempt(id: string, deviceId: string, overrides: Partial<NewAttempt> = {}): NewAttempt {
  return {
    id,
    kind: 'device',
    tenantId,
    requestedBy: 'requester-1',
    requestedByName: 'Requester One',
    title: 'Update required',
    body: 'Install the update tonight.',
    targetIds: [deviceId],
    targetNames: [`name of ${deviceId}`],
    ...overrides,
  };
}

export function groupAttempt(id: string, overrides: Partial<NewAttempt> = {}): NewAttempt {
  return {
    id,
    kind: 'group',
    tenantId,
    requestedBy: 'requester-1',
    requestedByName: 'Requester One',
    approvedBy: 'approver-1',
    title: 'Office closed',
    body: 'The office is closed on Friday.',
    targetIds: ['group-1', 'group-2'],
    targetNames: ['Sales', 'Support'],
    ...overrides,
  };
}

/** Creates an open device draft and reserves a send for it at `now`. */
export async function reserveDevice(store: Store, draftId: string, deviceId: string, now: Date, options: { tenant?: string } = {}) {
  const tenant = options.tenant ?? tenantId;
  await createDraft(store, draftId, { tenant, now });
  return store.reserveDeviceSend({
    draftId,
    deviceId,
    attempt: deviceAttempt(`attempt-${draftId}`, deviceId, { tenantId: tenant }),
    quota: deviceQuota,
    now,
  });
}
