import { describe, expect, it } from 'vitest';
import { at, createDraft, minuteMs, startTime, tenantId } from './fixtures.js';
import { useTempStore } from './temp-store.js';

const context = useTempStore();

describe('createDraft', () => {
  it('starts open at version 1', async () => {
    const draft = await createDraft(context.store, 'draft-1');

    expect(draft).toEqual({
      id: 'draft-1',
      kind: 'device',
      tenantId,
      ownerAadObjectId: 'owner-1',
      state: 'open',
      payload: { title: 'title of draft-1' },
      version: 1,
      createdAt: startTime,
      updatedAt: startTime,
    });
  });

  it('rejects a duplicate id', async () => {
    await createDraft(context.store, 'draft-1');

    await expect(createDraft(context.store, 'draft-1')).rejects.toThrow(/UNIQUE/);
  });
});

describe('getDraft', () => {
  it('round-trips payload and dates', async () => {
    const payload = { title: 'Ünïcode 😀', lines: ['a', 'b'], nested: { n: 1.5, flag: false, none: null } };
    await context.store.createDraft({ id: 'draft-1', kind: 'group', tenantId, ownerAadObjectId: 'owner-1', payload, now: startTime });

    const draft = await context.store.getDraft('draft-1');

    expect(draft?.payload).toEqual(payload);
    expect(draft?.kind).toBe('group');
    expect(draft?.createdAt).toBeInstanceOf(Date);
    expect(draft?.createdAt.getTime()).toBe(startTime.getTime());
  });

  it('returns undefined for an unknown id', async () => {
    expect(await context.store.getDraft('missing')).toBeUndefined();
  });
});

describe('updateDraftPayload', () => {
  it('replaces payload at the current version', async () => {
    await createDraft(context.store, 'draft-1');

    const updated = await context.store.updateDraftPayload('draft-1', 1, { title: 'new' }, at(minuteMs));

    expect(updated?.payload).toEqual({ title: 'new' });
    expect(updated?.version).toBe(2);
    expect(updated?.updatedAt).toEqual(at(minuteMs));
    expect(updated?.createdAt).toEqual(startTime);
    expect(await context.store.getDraft('draft-1')).toEqual(updated);
  });

  it('rejects a stale version', async () => {
    await createDraft(context.store, 'draft-1');
    await context.store.updateDraftPayload('draft-1', 1, { title: 'first' }, at(minuteMs));

    const stale = await context.store.updateDraftPayload('draft-1', 1, { title: 'second' }, at(2 * minuteMs));

    expect(stale).toBeUndefined();
    expect((await context.store.getDraft('draft-1'))?.payload).toEqual({ title: 'first' });
  });

  it('rejects a draft that is not open', async () => {
    await createDraft(context.store, 'draft-1');
    await context.store.setDraftState('draft-1', 'open', 'cancelled', at(minuteMs));

    const updated = await context.store.updateDraftPayload('draft-1', 2, { title: 'late' }, at(2 * minuteMs));

    expect(updated).toBeUndefined();
    expect((await context.store.getDraft('draft-1'))?.payload).toEqual({ title: 'title of draft-1' });
  });

  it('returns undefined for an unknown id', async () => {
    expect(await context.store.updateDraftPayload('missing', 1, {}, startTime)).toBeUndefined();
  });

  it('stores undefined payload as null', async () => {
    await createDraft(context.store, 'draft-1');

    const updated = await context.store.updateDraftPayload('draft-1', 1, undefined, at(minuteMs));

    expect(updated?.payload).toBeNull();
  });
});

describe('setDraftState', () => {
  it('moves a draft from the expected state', async () => {
    await createDraft(context.store, 'draft-1');

    const moved = await context.store.setDraftState('draft-1', 'open', 'cancelled', at(minuteMs));

    expect(moved).toBe(true);
    const draft = await context.store.getDraft('draft-1');
    expect(draft?.state).toBe('cancelled');
    expect(draft?.version).toBe(2);
    expect(draft?.updatedAt).toEqual(at(minuteMs));
  });

  it('rejects a draft in another state', async () => {
    await createDraft(context.store, 'draft-1');
    await context.store.setDraftState('draft-1', 'open', 'cancelled', at(minuteMs));

    const moved = await context.store.setDraftState('draft-1', 'open', 'sending', at(2 * minuteMs));

    expect(moved).toBe(false);
    const draft = await context.store.getDraft('draft-1');
    expect(draft?.state).toBe('cancelled');
    expect(draft?.version).toBe(2);
  });

  it('returns false for an unknown id', async () => {
    expect(await context.store.setDraftState('missing', 'open', 'cancelled', startTime)).toBe(false);
  });
});

describe('device searches', () => {
  it('round-trips a search', async () => {
    const search = { id: 'search-1', ownerAadObjectId: 'owner-1', query: 'ipad', deviceIds: ['dev-3', 'dev-1', 'dev-2'], createdAt: startTime };

    await context.store.saveDeviceSearch(search);

    expect(await context.store.getDeviceSearch('search-1')).toEqual(search);
  });

  it('returns undefined for an unknown id', async () => {
    expect(await context.store.getDeviceSearch('missing')).toBeUndefined();
  });
});
