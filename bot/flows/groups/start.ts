import { noticeCard } from '../../../cards/notice.js';
import type { AdaptiveCard } from '../../../cards/types.js';
import type { FlowDeps, Turn } from '../turn.js';
import { approvalsNotAvailable } from './approvals.js';
import { emptyGroupDraft } from './draft.js';
import { basicsCardFor } from './step-cards.js';

/** Handles `notify groups`: opens a draft on Basics, or explains at once why the caller may not. */
export async function startGroupWizard(deps: FlowDeps, turn: Turn): Promise<AdaptiveCard> {
  if (deps.approvalsRequired) {
    const refusal = approvalsNotAvailable();
    return noticeCard({ title: 'Group notifications are switched off', text: refusal.userMessage, tone: 'warning' });
  }
  const capabilities = await deps.authorizer.capabilities(turn.caller);
  if (!capabilities.notifyGroups.allowed) {
    return noticeCard({ title: 'You can\'t notify groups', text: capabilities.notifyGroups.reason, tone: 'attention' });
  }

  const payload = emptyGroupDraft();
  const draft = await deps.store.createDraft({
    id: deps.newId(),
    kind: 'group',
    tenantId: turn.tenantId,
    ownerAadObjectId: turn.caller.aadObjectId,
    payload,
    now: deps.now(),
  });
  turn.log.info({ draftId: draft.id }, 'group draft opened');
  return basicsCardFor(draft.id, payload);
}
