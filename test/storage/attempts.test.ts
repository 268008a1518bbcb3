import { describe, expect, it } from 'vitest';
import { at, createDraft, deviceAttempt, deviceQuota, minuteMs, otherTenantId, reserveDevice, startTime, tenantId } from './fixtures.js';
import { useTempStore } from './temp-store.js';

const context = useTempStore();

describe('finishAttempt', () => {
  it('records a sent attempt and its draft', async () => {
    await reserveDevice(context.store, 'draft-1', 'dev-1', startTime);

    await context.store.finishAttempt({
      attemptId: 'attempt-draft-1',
      outcome: 'sent',
      draftState: 'sent',
      now: at(minuteMs),
      graphStatus: 204,
      graphRequestId: 'request-1',
    });

    const attempt = await context.store.getAttempt('attempt-draft-1');
    expect(attempt?.outcome).toBe('sent');
    expect(attempt?.finishedAt).toEqual(at(minuteMs));
    expect(attempt?.graphStatus).toBe(204);
    expect(attempt?.graphRequestId).toBe('request-1');
    expect(attempt?.errorCode).toBeUndefined();
    expect((await context.store.getDraft('draft-1'))?.state).toBe('sent');
  });

  it('reopens the draft after a failure', async () => {
    await reserveDevice(context.store, 'draft-1', 'dev-1', startTime);

    await context.store.finishAttempt({
      attemptId: 'attempt-draft-1',
      outcome: 'failed',
      draftState: 'open',
      now: at(minuteMs),
      graphStatus: 404,
      errorCode: 'graph_rejected',
    });

    const attempt = await context.store.getAttempt('attempt-draft-1');
    expect(attempt?.outcome).toBe('failed');
    expect(attempt?.errorCode).toBe('graph_rejected');
    const draft = await context.store.getDraft('draft-1');
    expect(draft?.state).toBe('open');
    expect(draft?.version).toBe(3);
  });

  it('allows a retry after a failure', async () => {
    await reserveDevice(context.store, 'draft-1', 'dev-1', startTime);
    await context.store.finishAttempt({ attemptId: 'attempt-draft-1', outcome: 'failed', draftState: 'open', now: at(minuteMs) });

    const retry = await context.store.reserveDeviceSend({
      draftId: 'draft-1',
      deviceId: 'dev-1',
      attempt: deviceAttempt('attempt-retry', 'dev-1'),
      quota: deviceQuota,
      now: at(2 * minuteMs),
    });

    expect(retry).toEqual({ ok: true, usage: { used: 1, limit: 10 } });
  });

  it('marks the draft unknown after a timeout', async () => {
    await reserveDevice(context.store, 'draft-1', 'dev-1', startTime);

    await context.store.finishAttempt({ attemptId: 'attempt-draft-1', outcome: 'unknown', draftState: 'unknown', now: at(minuteMs), errorCode: 'graph_timeout' });

    expect((await context.store.getAttempt('attempt-draft-1'))?.outcome).toBe('unknown');
    expect((await context.store.getDraft('draft-1'))?.state).toBe('unknown');
  });

  it('moves only a draft in sending', async () => {
    await reserveDevice(context.store, 'draft-1', 'dev-1', startTime);
    await context.store.recoverInterruptedAttempts(at(minuteMs), at(minuteMs));

    await context.store.finishAttempt({ attemptId: 'attempt-draft-1', outcome: 'sent', draftState: 'sent', now: at(2 * minuteMs) });

    expect((await context.store.getAttempt('attempt-draft-1'))?.outcome).toBe('sent');
    expect((await context.store.getDraft('draft-1'))?.state).toBe('unknown');
  });

  it('rejects an unknown attempt', async () => {
    const finish = context.store.finishAttempt({ attemptId: 'missing', outcome: 'sent', draftState: 'sent', now: startTime });

    await expect(finish).rejects.toThrow(/attempt missing not found/);
  });
});

describe('listAttempts', () => {
  async function recordHistory() {
    await reserveDevice(context.store, 'draft-a', 'dev-1', at(0));
    await createDraft(context.store, 'draft-b');
    await context.store.reserveDeviceSend({
      draftId: 'draft-b',
      deviceId: 'dev-2',
      attempt: deviceAttempt('attempt-draft-b', 'dev-2', { requestedBy: 'requester-2', requestedByName: 'Requester Two' }),
      quota: deviceQuota,
      now: at(2 * minuteMs),
    });
    await reserveDevice(context.store, 'draft-c', 'dev-3', at(minuteMs));
    await reserveDevice(context.store, 'draft-other', 'dev-1', at(3 * minuteMs), { tenant: otherTenantId });
  }

  it('lists newest first', async () => {
    await recordHistory();

    const attempts = await context.store.listAttempts({ tenantId, limit: 10 });

    expect(attempts.map((attempt) => attempt.id)).toEqual(['attempt-draft-b', 'attempt-draft-c', 'attempt-draft-a']);
  });

  it('filters by requester', async () => {
    await recordHistory();

    const attempts = await context.store.listAttempts({ tenantId, requestedBy: 'requester-1', limit: 10 });

    expect(attempts.map((attempt) => attempt.id)).toEqual(['attempt-draft-c', 'attempt-draft-a']);
  });

  it('applies the limit', async () => {
    await recordHistory();

    const attempts = await context.store.listAttempts({ tenantId, limit: 2 });

    expect(attempts.map((attempt) => attempt.id)).toEqual(['attempt-draft-b', 'attempt-draft-c']);
  });

  it('returns nothing for a negative limit', async () => {
    await recordHistory();

    expect(await context.store.listAttempts({ tenantId, limit: -1 })).toEqual([]);
  });

  it('orders same-millisecond attempts by insertion', async () => {
    await reserveDevice(context.store, 'draft-a', 'dev-1', startTime);
    await reserveDevice(context.store, 'draft-b', 'dev-2', startTime);

    const attempts = await context.store.listAttempts({ tenantId, limit: 10 });

    expect(attempts.map((attempt) => attempt.id)).toEqual(['attempt-draft-b', 'attempt-draft-a']);
  });
});

describe('recoverInterruptedAttempts', () => {
  it('marks old sending attempts unknown', async () => {
    await reserveDevice(context.store, 'draft-old', 'dev-1', at(0));
    await reserveDevice(context.store, 'draft-new', 'dev-2', at(10 * minuteMs));

    const changed = await context.store.recoverInterruptedAttempts(at(5 * minuteMs), at(11 * minuteMs));

    expect(changed).toBe(1);
    const old = await context.store.getAttempt('attempt-draft-old');
    expect(old?.outcome).toBe('unknown');
    expect(old?.errorCode).toBe('interrupted');
    expect(old?.finishedAt).toEqual(at(11 * minuteMs));
    expect((await context.store.getDraft('draft-old'))?.state).toBe('unknown');
  });

  it('keeps newer sending attempts', async () => {
    await reserveDevice(context.store, 'draft-old', 'dev-1', at(0));
    await reserveDevice(context.store, 'draft-new', 'dev-2', at(10 * minuteMs));

    await context.store.recoverInterruptedAttempts(at(5 * minuteMs), at(11 * minuteMs));

    expect((await context.store.getAttempt('attempt-draft-new'))?.outcome).toBe('sending');
    expect((await context.store.getDraft('draft-new'))?.state).toBe('sending');
  });

  it('keeps finished attempts', async () => {
    await reserveDevice(context.store, 'draft-1', 'dev-1', at(0));
    await context.store.finishAttempt({ attemptId: 'attempt-draft-1', outcome: 'sent', draftState: 'sent', now: at(minuteMs) });

    const changed = await context.store.recoverInterruptedAttempts(at(5 * minuteMs), at(11 * minuteMs));

    expect(changed).toBe(0);
    expect((await context.store.getAttempt('attempt-draft-1'))?.outcome).toBe('sent');
    expect((await context.store.getDraft('draft-1'))?.state).toBe('sent');
  });

  it('keeps counting recovered attempts', async () => {
    await reserveDevice(context.store, 'draft-1', 'dev-1', at(0));

    await context.store.recoverInterruptedAttempts(at(5 * minuteMs), at(5 * minuteMs));

    expect(await context.store.deviceQuotaUsage(tenantId, 'dev-1', deviceQuota, at(6 * minuteMs))).toEqual({ used: 1, limit: 10 });
  });
});
