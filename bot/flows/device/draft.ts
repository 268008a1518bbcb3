import { z } from 'zod';
import { loadOwnedDraft, type LoadedDraft } from '../drafts.js';
import type { FlowDeps, Turn } from '../turn.js';

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

export type DeviceDraft = LoadedDraft<DeviceDraftPayload>;

export function loadDeviceDraft(deps: FlowDeps, turn: Turn, draftId: string): Promise<DeviceDraft> {
  return loadOwnedDraft(deps, turn, draftId, 'device', deviceDraftPayload);
}
