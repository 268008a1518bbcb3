import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../bot/storage/sqlite-store.js';
import {
  at,
  createDraft,
  deviceAttempt,
  deviceQuota,
  groupAttempt,
  groupQuota,
  hourMs,
  minuteMs,
  otherTenantId,
  reserveDevice,
  startTime,
  tenantId,
} from './fixtures.js';
import { useTempStore } from './temp-store.js';

const context = useTempStore();

/** Reserves `count` sends for the device, one a minute from startTime, each from its own draft. */
async function fillDevice(store: SqliteStore, deviceId: string, count: number) {
  const results = [];
  for (let i = 0; i < count; i++) {
    results.push(await reserveDevice(store, `${deviceId}-draft-${i}`, deviceId, at(i * minuteMs)));
  }
  return results;
}

async function finish(store: SqliteStore, attemptId: string, outcome: 'sent' | 'failed' | 'unknown') {
  const draftState = outcome === 'failed' ? 'open' : outcome;
  await store.finishAttempt({ attemptId, outcome, draftState, now: at(30 * minuteMs) });
}

describe('reserveDeviceSend', () => {
  it('allows ten sends an hour', async () => {
    const results = await fillDevice(context.store, 'dev-1', 10);

    expect(results.every((result) => result.ok)).toBe(true);
    expect(results.map((result) => (result.ok ? result.usage.used : -1))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('sets nextSlotAt once the limit is reached', async () => {
    const results = await fillDevice(context.store, 'dev-1', 10);

    expect(results[8]).toEqual({ ok: true, usage: { used: 9, limit: 10 } });
    expect(results[9]).toEqual({ ok: true, usage: { used: 10, limit: 10, nextSlotAt: at(hourMs) } });
  });

  it('rejects the eleventh send with the next slot', async () => {
    await fillDevice(context.store, 'dev-1', 10);

    const result = await reserveDevice(context.store, 'draft-11', 'dev-1', at(10 * minuteMs));

    expect(result).toEqual({ ok: false, reason: 'quota', usage: { used: 10, limit: 10, nextSlotAt: at(hourMs) } });
  });

  it('keeps a rejected draft open', async () => {
    await fillDevice(context.store, 'dev-1', 10);

    await reserveDevice(context.store, 'draft-11', 'dev-1', at(10 * minuteMs));

    expect((await context.store.getDraft('draft-11'))?.state).toBe('open');
    expect((await context.store.getDraft('draft-11'))?.version).toBe(1);
    expect(await context.store.getAttempt('attempt-draft-11')).toBeUndefined();
  });

  it('does not count failed attempts', async () => {
    await fillDevice(context.store, 'dev-1', 10);
    await finish(context.store, 'attempt-dev-1-draft-3', 'failed');

    const result = await reserveDevice(context.store, 'draft-11', 'dev-1', at(40 * minuteMs));

    expect(result).toEqual({ ok: true, usage: { used: 10, limit: 10, nextSlotAt: at(hourMs) } });
  });

  it('counts unknown and sent attempts', async () => {
    await fillDevice(context.store, 'dev-1', 10);
    await finish(context.store, 'attempt-dev-1-draft-3', 'unknown');
    await finish(context.store, 'attempt-dev-1-draft-4', 'sent');

    const result = await reserveDevice(context.store, 'draft-11', 'dev-1', at(40 * minuteMs));

    expect(result.ok).toBe(false);
  });

  it('allows a send once the oldest leaves the window', async () => {
    await fillDevice(context.store, 'dev-1', 10);

    const justBefore = await reserveDevice(context.store, 'draft-early', 'dev-1', at(hourMs - 1));
    const atBoundary = await reserveDevice(context.store, 'draft-boundary', 'dev-1', at(hourMs));

    expect(justBefore.ok).toBe(false);
    expect(atBoundary).toEqual({ ok: true, usage: { used: 10, limit: 10, nextSlotAt: at(hourMs + minuteMs) } });
  });

  it('leaves other devices unaffected', async () => {
    await fillDevice(context.store, 'dev-1', 10);

    const result = await reserveDevice(context.store, 'draft-other', 'dev-2', at(10 * minuteMs));

    expect(result).toEqual({ ok: true, usage: { used: 1, limit: 10 } });
  });

  it('counts per tenant', async () => {
    await fillDevice(context.store, 'dev-1', 10);

    const result = await reserveDevice(context.store, 'draft-other', 'dev-1', at(10 * minuteMs), { tenant: otherTenantId });

    expect(result).toEqual({ ok: true, usage: { used: 1, limit: 10 } });
  });

  it('reports a missing draft', async () => {
    const result = await context.store.reserveDeviceSend({
      draftId: 'missing',
      deviceId: 'dev-1',
      attempt: deviceAttempt('attempt-1', 'dev-1'),
      quota: deviceQuota,
      now: startTime,
    });

    expect(result).toEqual({ ok: false, reason: 'draft_missing' });
  });

  it('rejects a second reservation of one draft', async () => {
    await reserveDevice(context.store, 'draft-1', 'dev-1', startTime);

    const second = await context.store.reserveDeviceSend({
      draftId: 'draft-1',
      deviceId: 'dev-1',
      attempt: deviceAttempt('attempt-again', 'dev-1'),
      quota: deviceQuota,
      now: at(1),
    });

    expect(second).toEqual({ ok: false, reason: 'draft_state', state: 'sending' });
    expect(await context.store.getAttempt('attempt-again')).toBeUndefined();
  });

  it('rejects a cancelled draft', async () => {
    await createDraft(context.store, 'draft-1');
    await context.store.setDraftState('draft-1', 'open', 'cancelled', startTime);

    const result = await context.store.reserveDeviceSend({
      draftId: 'draft-1',
      deviceId: 'dev-1',
      attempt: deviceAttempt('attempt-1', 'dev-1'),
      quota: deviceQuota,
      now: startTime,
    });

    expect(result).toEqual({ ok: false, reason: 'draft_state', state: 'cancelled' });
  });

  it('moves the draft to sending and records the attempt', async () => {
    await reserveDevice(context.store, 'draft-1', 'dev-1', at(minuteMs));

    const draft = await context.store.getDraft('draft-1');
    expect(draft?.state).toBe('sending');
    expect(draft?.version).toBe(2);
    expect(draft?.updatedAt).toEqual(at(minuteMs));
    expect(await context.store.getAttempt('attempt-draft-1')).toEqual({
      ...deviceAttempt('attempt-draft-1', 'dev-1'),
      draftId: 'draft-1',
      outcome: 'sending',
      startedAt: at(minuteMs),
    });
  });

  it('rejects an attempt aimed at another device', async () => {
    await createDraft(context.store, 'draft-1');

    const reservation = context.store.reserveDeviceSend({
      draftId: 'draft-1',
      deviceId: 'dev-1',
      attempt: deviceAttempt('attempt-1', 'dev-2'),
      quota: deviceQuota,
      now: startTime,
    });

    await expect(reservation).rejects.toThrow(/must target exactly \[dev-1\]/);
    expect((await context.store.getDraft('draft-1'))?.state).toBe('open');
  });

  it('rejects a group draft', async () => {
    await createDraft(context.store, 'draft-1', { kind: 'group' });

    const reservation = context.store.reserveDeviceSend({
      draftId: 'draft-1',
      deviceId: 'dev-1',
      attempt: deviceAttempt('attempt-1', 'dev-1'),
      quota: deviceQuota,
      now: startTime,
    });

    await expect(reservation).rejects.toThrow(/needs a device draft/);
  });

  it('rejects an invalid quota', async () => {
    await createDraft(context.store, 'draft-1');

    const reservation = context.store.reserveDeviceSend({
      draftId: 'draft-1',
      deviceId: 'dev-1',
      attempt: deviceAttempt('attempt-1', 'dev-1'),
      quota: { limit: 0, windowMs: hourMs },
      now: startTime,
    });

    await expect(reservation).rejects.toThrow(RangeError);
  });
});

describe('deviceQuotaUsage', () => {
  it('counts sends in the window', async () => {
    await fillDevice(context.store, 'dev-1', 3);

    expect(await context.store.deviceQuotaUsage(tenantId, 'dev-1', deviceQuota, at(10 * minuteMs))).toEqual({ used: 3, limit: 10 });
  });

  it('ignores sends after now', async () => {
    await fillDevice(context.store, 'dev-1', 3);

    expect(await context.store.deviceQuotaUsage(tenantId, 'dev-1', deviceQuota, at(minuteMs))).toEqual({ used: 2, limit: 10 });
  });

  it('uses the send that frees a slot when over the limit', async () => {
    await fillDevice(context.store, 'dev-1', 10);

    const usage = await context.store.deviceQuotaUsage(tenantId, 'dev-1', { limit: 8, windowMs: hourMs }, at(10 * minuteMs));

    expect(usage).toEqual({ used: 10, limit: 8, nextSlotAt: at(hourMs + 2 * minuteMs) });
  });
});

describe('reserveGroupSend', () => {
  async function reserveGroup(draftId: string, now: Date, tenant = tenantId) {
    await createDraft(context.store, draftId, { kind: 'group', tenant, now });
    return context.store.reserveGroupSend({ draftId, attempt: groupAttempt(`attempt-${draftId}`, { tenantId: tenant }), quota: groupQuota, now });
  }

  it('rejects the twenty-sixth group send', async () => {
    for (let i = 0; i < 25; i++) {
      const result = await reserveGroup(`draft-${i}`, at(i * minuteMs));
      expect(result.ok).toBe(true);
    }

    const result = await reserveGroup('draft-26', at(30 * minuteMs));

    expect(result).toEqual({ ok: false, reason: 'quota', usage: { used: 25, limit: 25, nextSlotAt: at(hourMs) } });
  });

  it('does not count device sends', async () => {
    await fillDevice(context.store, 'dev-1', 5);

    const result = await reserveGroup('draft-1', at(10 * minuteMs));

    expect(result).toEqual({ ok: true, usage: { used: 1, limit: 25 } });
  });

  it('counts per tenant', async () => {
    await reserveGroup('draft-1', startTime);

    expect(await context.store.groupQuotaUsage(tenantId, groupQuota, at(minuteMs))).toEqual({ used: 1, limit: 25 });
    expect(await context.store.groupQuotaUsage(otherTenantId, groupQuota, at(minuteMs))).toEqual({ used: 0, limit: 25 });
  });

  it('records the group attempt', async () => {
    await reserveGroup('draft-1', startTime);

    expect(await context.store.getAttempt('attempt-draft-1')).toEqual({
      ...groupAttempt('attempt-draft-1'),
      draftId: 'draft-1',
      outcome: 'sending',
      startedAt: startTime,
    });
  });

  it('ignores a stray deviceId', async () => {
    await createDraft(context.store, 'draft-1', { kind: 'group' });
    const input = { draftId: 'draft-1', deviceId: 'dev-1', attempt: groupAttempt('attempt-1'), quota: groupQuota, now: startTime };

    const result = await context.store.reserveGroupSend(input);

    expect(result.ok).toBe(true);
    expect(await context.store.deviceQuotaUsage(tenantId, 'dev-1', deviceQuota, startTime)).toEqual({ used: 0, limit: 10 });
  });

  it('rejects an attempt of another tenant', async () => {
    await createDraft(context.store, 'draft-1', { kind: 'group' });

    const reservation = context.store.reserveGroupSend({
      draftId: 'draft-1',
      attempt: groupAttempt('attempt-1', { tenantId: otherTenantId }),
      quota: groupQuota,
      now: startTime,
    });

    await expect(reservation).rejects.toThrow(/differs from draft tenant/);
  });
});

describe('reservation at an expected version', () => {
  it('rejects a draft changed since it was read', async () => {
    const draft = await createDraft(context.store, 'draft-v', { now: startTime });
    await context.store.updateDraftPayload('draft-v', draft.version, { text: 'changed' }, at(minuteMs));

    const result = await context.store.reserveDeviceSend({
      draftId: 'draft-v',
      deviceId: 'dev-1',
      attempt: deviceAttempt('attempt-v', 'dev-1'),
      quota: deviceQuota,
      now: at(2 * minuteMs),
      expectedVersion: draft.version,
    });

    expect(result).toEqual({ ok: false, reason: 'draft_changed', version: draft.version + 1 });
    expect((await context.store.getDraft('draft-v'))?.state).toBe('open');
    expect(await context.store.getAttempt('attempt-v')).toBeUndefined();
  });

  it('reserves a draft still at the version read', async () => {
    const draft = await createDraft(context.store, 'draft-w', { now: startTime });

    const result = await context.store.reserveDeviceSend({
      draftId: 'draft-w',
      deviceId: 'dev-1',
      attempt: deviceAttempt('attempt-w', 'dev-1'),
      quota: deviceQuota,
      now: at(minuteMs),
      expectedVersion: draft.version,
    });

    expect(result.ok).toBe(true);
  });
});
