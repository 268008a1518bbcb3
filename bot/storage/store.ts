/**
 * Persistent state shared by every bot instance: drafts, device searches, send attempts (history)
 * and the quota counters derived from them. Methods are async so a PostgreSQL store can implement
 * the same interface; each method that checks and changes state does so atomically.
 */

export type DraftKind = 'device' | 'group';

/**
 * States of a draft. open: being edited. sending: a send is in flight. sent: Graph accepted it.
 * unknown: the send timed out, so it may or may not have been delivered. cancelled: the user closed it.
 */
export type DraftState = 'open' | 'sending' | 'sent' | 'unknown' | 'cancelled';

export interface Draft {
  /** Unguessable id (randomUUID); card data carries only this id. */
  id: string;
  kind: DraftKind;
  tenantId: string;
  ownerAadObjectId: string;
  state: DraftState;
  /** Flow-specific JSON; the flow validates it with zod when it reads it. */
  payload: unknown;
  /** Incremented by every change, for compare-and-set updates. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewDraft {
  id: string;
  kind: DraftKind;
  tenantId: string;
  ownerAadObjectId: string;
  payload: unknown;
  now: Date;
}

export interface DeviceSearch {
  id: string;
  ownerAadObjectId: string;
  query: string;
  /** The device ids the search showed, in order; a pick must be one of them. */
  deviceIds: string[];
  createdAt: Date;
}

/** sending: recorded before the Graph call; failed: Graph refused it, nothing was sent; unknown: timed out. */
export type AttemptOutcome = 'sending' | 'sent' | 'failed' | 'unknown';

export interface NewAttempt {
  id: string;
  draftId?: string;
  kind: DraftKind;
  tenantId: string;
  requestedBy: string;
  requestedByName: string;
  approvedBy?: string;
  title: string;
  body: string;
  /** Device ids or group ids, exactly as sent to Graph. */
  targetIds: string[];
  /** Display names of the targets, for history. */
  targetNames: string[];
}

export interface Attempt extends NewAttempt {
  outcome: AttemptOutcome;
  startedAt: Date;
  finishedAt?: Date;
  graphStatus?: number;
  graphRequestId?: string;
  errorCode?: string;
}

export interface QuotaWindow {
  /** Maximum number of sends in the window. */
  limit: number;
  windowMs: number;
}

export interface QuotaUsage {
  used: number;
  limit: number;
  /** When the oldest counted send leaves the window; set only when used >= limit. */
  nextSlotAt?: Date;
}

export type Reservation =
  | { ok: true; usage: QuotaUsage }
  | { ok: false; reason: 'draft_missing' }
  | { ok: false; reason: 'draft_state'; state: DraftState }
  /** The draft was edited after the caller read it (expectedVersion), so what it would send is not what the user saw. */
  | { ok: false; reason: 'draft_changed'; version: number }
  | { ok: false; reason: 'quota'; usage: QuotaUsage };

export interface FinishAttempt {
  attemptId: string;
  outcome: Exclude<AttemptOutcome, 'sending'>;
  /** State the attempt's draft moves to: sent, unknown, or back to open so the user can retry. */
  draftState: DraftState;
  now: Date;
  graphStatus?: number;
  graphRequestId?: string;
  errorCode?: string;
}

export interface Store {
  createDraft(draft: NewDraft): Promise<Draft>;
  getDraft(id: string): Promise<Draft | undefined>;
  /** Replaces the payload if the draft is still at expectedVersion and open; returns the new draft or undefined. */
  updateDraftPayload(id: string, expectedVersion: number, payload: unknown, now: Date): Promise<Draft | undefined>;
  /** Moves the draft from one state to another; false when it was not in `from`. */
  setDraftState(id: string, from: DraftState, to: DraftState, now: Date): Promise<boolean>;

  saveDeviceSearch(search: DeviceSearch): Promise<void>;
  getDeviceSearch(id: string): Promise<DeviceSearch | undefined>;

  /**
   * In one transaction: checks the draft is open (and still at expectedVersion when given), counts the
   * device's sends (sending, sent, unknown) in the window, and when under the limit moves the draft
   * to sending and records the attempt.
   */
  reserveDeviceSend(input: { draftId: string; deviceId: string; attempt: NewAttempt; quota: QuotaWindow; now: Date; expectedVersion?: number }): Promise<Reservation>;
  /** Same as reserveDeviceSend, with the tenant's group sends as the counter. */
  reserveGroupSend(input: { draftId: string; attempt: NewAttempt; quota: QuotaWindow; now: Date; expectedVersion?: number }): Promise<Reservation>;
  deviceQuotaUsage(tenantId: string, deviceId: string, quota: QuotaWindow, now: Date): Promise<QuotaUsage>;
  groupQuotaUsage(tenantId: string, quota: QuotaWindow, now: Date): Promise<QuotaUsage>;

  finishAttempt(finish: FinishAttempt): Promise<void>;
  getAttempt(id: string): Promise<Attempt | undefined>;
  /** Newest first; only the requester's attempts when requestedBy is given. */
  listAttempts(filter: { tenantId: string; requestedBy?: string; limit: number }): Promise<Attempt[]>;
  /**
   * Marks attempts still 'sending' since before `startedBefore` as unknown (the process stopped
   * mid-call), and their drafts too. Returns how many were changed.
   */
  recoverInterruptedAttempts(startedBefore: Date, now: Date): Promise<number>;

  close(): Promise<void>;
}
