import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Caller } from '../../policy/authorization.js';
import type { Draft, Store } from '../../storage/store.js';

export const deviceDraftPayload = z.object({
  device: z.object({
    id: z.string(),
    name: z.string(),
    user: z.string(),
    platform: z.string(),
    android: z.boolean(),
  }),
  title: z.string(),
  body: z.string(),
});

export type DeviceDraftPayload = z.infer<typeof deviceDraftPayload>;

export interface DeviceDraft {
  draft: Draft;
  payload: DeviceDraftPayload;
}

/** Loads a device draft that belongs to the caller, or throws the refusal the user should read. */
export async function loadOwnedDeviceDraft(store: Store, draftId: string, caller: Caller, tenantId: string): Promise<DeviceDraft> {
  const draft = await store.getDraft(draftId);
  if (!draft || draft.kind !== 'device' || draft.tenantId !== tenantId) {
    throw new AppError('draft_expired', 'This notification draft no longer exists, so nothing was sent. Start again with "notify device".');
  }
  if (draft.ownerAadObjectId !== caller.aadObjectId) {
    throw new AppError('forbidden', 'This card belongs to another user, so you can\'t use it. Start your own with "notify device".', {
      details: { draftOwner: draft.ownerAadObjectId },
    });
  }

  const payload = deviceDraftPayload.safeParse(draft.payload);
  if (!payload.success) {
    throw new AppError('internal', 'This notification draft is damaged, so nothing was sent. Start again with "notify device".', {
      details: { draftId },
    });
  }
  return { draft, payload: payload.data };
}
