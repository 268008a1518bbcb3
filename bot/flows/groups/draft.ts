import { z } from 'zod';
import { loadOwnedDraft, type LoadedDraft } from '../drafts.js';
import type { FlowDeps, Turn } from '../turn.js';

const groupRef = z.object({ id: z.string(), name: z.string() });

export const groupDraftPayload = z.object({
  title: z.string(),
  body: z.string(),
  /** Selected groups, in the order they were added; sent to Graph exactly as listed. */
  groups: z.array(groupRef),
  /** Every group a search showed this user for this draft: the only ids Add accepts. */
  known: z.array(groupRef.extend({ description: z.string() })),
  lastQuery: z.string(),
  /** Ids of the latest search's results, in order; undefined before the first search. */
  lastResults: z.array(z.string()).optional(),
  lastResultsTruncated: z.boolean(),
  /** True once Review + Create showed this exact content; any later change clears it. Create needs it. */
  reviewed: z.boolean().default(false),
});

export type GroupDraftPayload = z.infer<typeof groupDraftPayload>;

export type GroupDraft = LoadedDraft<GroupDraftPayload>;

export function emptyGroupDraft(): GroupDraftPayload {
  return { title: '', body: '', groups: [], known: [], lastQuery: '', lastResultsTruncated: false, reviewed: false };
}

export function loadGroupDraft(deps: FlowDeps, turn: Turn, draftId: string): Promise<GroupDraft> {
  return loadOwnedDraft(deps, turn, draftId, 'group', groupDraftPayload);
}
