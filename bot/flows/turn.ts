import type { AdaptiveCard } from '../../cards/types.js';
import type { IntuneGateway } from '../intune/gateway.js';
import type { GroupDirectory } from '../intune/group-directory.js';
import type { Logger } from '../log.js';
import type { Authorizer, Caller } from '../policy/authorization.js';
import type { Store } from '../storage/store.js';

/** The facts of one turn that a flow uses, free of Teams SDK types. */
export interface Turn {
  caller: Caller;
  tenantId: string;
  log: Logger;
  /** Shows the result of work that outlives the turn: replaces the card that was clicked and posts a message. */
  later: LaterUpdates;
}

export interface LaterUpdates {
  replaceCard(card: AdaptiveCard): Promise<void>;
  sendText(text: string): Promise<void>;
}

export interface FlowDeps {
  store: Store;
  intune: IntuneGateway;
  groups: GroupDirectory;
  authorizer: Authorizer;
  now: () => Date;
  newId: () => string;
  /** How long an invoke waits for a send before its response carries a "Sending…" card; other steps get 300 ms more. */
  sendAnswerDeadlineMs: number;
  /** An open draft untouched for longer than this has expired. */
  draftIdleMs: number;
  /** APPROVER_GROUP_ID is set: group sends need an approval, which this version can't collect yet. */
  approvalsRequired: boolean;
  /** Work that continues after the invoke response went out; shutdown waits for it. */
  background: BackgroundWork;
}

export interface BackgroundWork {
  run(name: string, work: () => Promise<void>): void;
}
