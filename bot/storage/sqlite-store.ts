import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../log.js';
import { migrate } from './migrations.js';
import { toAttempt, toDeviceSearch, toDraft, toJson, type DraftRow } from './sqlite-rows.js';
import { prepareStatements, type Statements } from './sqlite-statements.js';
import type {
  Attempt,
  DeviceSearch,
  Draft,
  DraftKind,
  DraftState,
  FinishAttempt,
  NewAttempt,
  NewDraft,
  QuotaUsage,
  QuotaWindow,
  Reservation,
  Store,
} from './store.js';

/** How long a connection waits for another process's write lock before failing with SQLITE_BUSY. */
const busyTimeoutMs = 5000;

interface ReserveInput {
  draftId: string;
  /** Set for device sends. Group sends count against the tenant instead. */
  deviceId?: string;
  attempt: NewAttempt;
  quota: QuotaWindow;
  now: Date;
  expectedVersion?: number;
}

/**
 * Opens (creating when missing) the SQLite file at `path` and brings its schema up to date.
 * Several bot processes may open the same file: WAL lets readers run beside the writer, and every
 * check-and-change runs in a BEGIN IMMEDIATE transaction, so the write lock is taken before the check.
 */
export function openSqliteStore(path: string, options: { logger?: Logger } = {}): SqliteStore {
  const db = openDatabase(path);

  try {
    const journalMode = db.pragma('journal_mode = WAL', { simple: true }) as string;
    db.pragma('foreign_keys = ON');
    const schemaVersion = migrate(db, options.logger);

    if (journalMode !== 'wal' && path !== ':memory:') {
      options.logger?.warn({ path, journalMode }, 'SQLite kept a journal mode other than WAL, so bot processes sharing this file block each other while one writes');
    }
    options.logger?.debug({ path, schemaVersion, journalMode }, 'opened SQLite store');
    return new SqliteStore(db, options.logger);
  } catch (error) {
    db.close();
    throw error;
  }
}

function openDatabase(path: string): BetterSqlite3.Database {
  try {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
    }
    return new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not open the SQLite database ${path}: ${reason}. Set DATABASE_URL to sqlite:PATH with a file path the bot can create and write`, { cause: error });
  }
}

export class SqliteStore implements Store {
  private readonly statements: Statements;
  private readonly reserveInTransaction: BetterSqlite3.Transaction<(input: ReserveInput) => Reservation>;
  private readonly setDraftStateInTransaction: BetterSqlite3.Transaction<(id: string, from: DraftState, to: DraftState, now: Date) => boolean>;
  private readonly updateDraftPayloadInTransaction: BetterSqlite3.Transaction<(id: string, expectedVersion: number, payload: unknown, now: Date) => Draft | undefined>;
  private readonly finishAttemptInTransaction: BetterSqlite3.Transaction<(finish: FinishAttempt) => void>;
  private readonly recoverInTransaction: BetterSqlite3.Transaction<(startedBefore: Date, now: Date) => number>;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly logger?: Logger,
  ) {
    this.statements = prepareStatements(db);
    this.reserveInTransaction = db.transaction((input: ReserveInput) => this.reserve(input));
    this.setDraftStateInTransaction = db.transaction((id: string, from: DraftState, to: DraftState, now: Date) => this.moveDraft(id, from, to, now));
    this.updateDraftPayloadInTransaction = db.transaction((id: string, expectedVersion: number, payload: unknown, now: Date) => {
      const row = this.statements.updateDraftPayload.get({ id, expectedVersion, payload: toJson(payload), now: now.getTime() });
      return row === undefined ? undefined : toDraft(row);
    });
    this.finishAttemptInTransaction = db.transaction((finish: FinishAttempt) => this.finish(finish));
    this.recoverInTransaction = db.transaction((startedBefore: Date, now: Date) => this.recover(startedBefore, now));
  }

  async createDraft(draft: NewDraft): Promise<Draft> {
    const row = this.statements.insertDraft.get({
      id: draft.id,
      kind: draft.kind,
      tenant_id: draft.tenantId,
      owner_aad_object_id: draft.ownerAadObjectId,
      payload: toJson(draft.payload),
      created_at: draft.now.getTime(),
      updated_at: draft.now.getTime(),
    });
    // INSERT ... RETURNING yields the inserted row, or throws when the insert fails.
    return toDraft(row!);
  }

  async getDraft(id: string): Promise<Draft | undefined> {
    const row = this.statements.getDraft.get(id);
    return row === undefined ? undefined : toDraft(row);
  }

  async updateDraftPayload(id: string, expectedVersion: number, payload: unknown, now: Date): Promise<Draft | undefined> {
    return this.updateDraftPayloadInTransaction.immediate(id, expectedVersion, payload, now);
  }

  async setDraftState(id: string, from: DraftState, to: DraftState, now: Date): Promise<boolean> {
    return this.setDraftStateInTransaction.immediate(id, from, to, now);
  }

  async saveDeviceSearch(search: DeviceSearch): Promise<void> {
    this.statements.saveDeviceSearch.run({
      id: search.id,
      owner_aad_object_id: search.ownerAadObjectId,
      query: search.query,
      device_ids: toJson(search.deviceIds),
      created_at: search.createdAt.getTime(),
    });
  }

  async getDeviceSearch(id: string): Promise<DeviceSearch | undefined> {
    const row = this.statements.getDeviceSearch.get(id);
    return row === undefined ? undefined : toDeviceSearch(row);
  }

  async reserveDeviceSend(input: { draftId: string; deviceId: string; attempt: NewAttempt; quota: QuotaWindow; now: Date; expectedVersion?: number }): Promise<Reservation> {
    return this.reserveInTransaction.immediate(input);
  }

  async reserveGroupSend(input: { draftId: string; attempt: NewAttempt; quota: QuotaWindow; now: Date; expectedVersion?: number }): Promise<Reservation> {
    const { draftId, attempt, quota, now, expectedVersion } = input;
    return this.reserveInTransaction.immediate({ draftId, attempt, quota, now, expectedVersion });
  }

  async deviceQuotaUsage(tenantId: string, deviceId: string, quota: QuotaWindow, now: Date): Promise<QuotaUsage> {
    return this.countSends(tenantId, deviceId, quota, now);
  }

  async groupQuotaUsage(tenantId: string, quota: QuotaWindow, now: Date): Promise<QuotaUsage> {
    return this.countSends(tenantId, undefined, quota, now);
  }

  async finishAttempt(finish: FinishAttempt): Promise<void> {
    this.finishAttemptInTransaction.immediate(finish);
  }

  async getAttempt(id: string): Promise<Attempt | undefined> {
    const row = this.statements.getAttempt.get(id);
    return row === undefined ? undefined : toAttempt(row);
  }

  async listAttempts(filter: { tenantId: string; requestedBy?: string; limit: number }): Promise<Attempt[]> {
    // SQLite reads a negative LIMIT as "no limit", so clamp it to keep the result bounded.
    const limit = Math.max(0, Math.trunc(filter.limit));

    const rows = filter.requestedBy === undefined
      ? this.statements.listAttempts.all({ tenantId: filter.tenantId, limit })
      : this.statements.listAttemptsOfRequester.all({ tenantId: filter.tenantId, requestedBy: filter.requestedBy, limit });
    return rows.map(toAttempt);
  }

  async recoverInterruptedAttempts(startedBefore: Date, now: Date): Promise<number> {
    return this.recoverInTransaction.immediate(startedBefore, now);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Runs inside the caller's immediate transaction, so the checks and the writes see the same state. */
  private reserve(input: ReserveInput): Reservation {
    const kind: DraftKind = input.deviceId === undefined ? 'group' : 'device';
    const draft = this.statements.getDraft.get(input.draftId);
    if (draft === undefined) {
      return { ok: false, reason: 'draft_missing' };
    }

    assertAttemptMatchesDraft(draft, kind, input);
    if (draft.state !== 'open') {
      return { ok: false, reason: 'draft_state', state: draft.state };
    }
    if (input.expectedVersion !== undefined && draft.version !== input.expectedVersion) {
      return { ok: false, reason: 'draft_changed', version: draft.version };
    }

    const before = this.countSends(input.attempt.tenantId, input.deviceId, input.quota, input.now);
    if (before.used >= before.limit) {
      return { ok: false, reason: 'quota', usage: before };
    }

    this.moveDraft(input.draftId, 'open', 'sending', input.now);
    this.insertAttempt(input, kind);
    return { ok: true, usage: this.countSends(input.attempt.tenantId, input.deviceId, input.quota, input.now) };
  }

  private insertAttempt(input: ReserveInput, kind: DraftKind): void {
    const attempt = input.attempt;
    this.statements.insertAttempt.run({
      id: attempt.id,
      draft_id: input.draftId,
      kind,
      tenant_id: attempt.tenantId,
      device_id: input.deviceId ?? null,
      requested_by: attempt.requestedBy,
      requested_by_name: attempt.requestedByName,
      approved_by: attempt.approvedBy ?? null,
      title: attempt.title,
      body: attempt.body,
      target_ids: toJson(attempt.targetIds),
      target_names: toJson(attempt.targetNames),
      started_at: input.now.getTime(),
    });
  }

  /** Counts a device's sends when deviceId is given, else the tenant's group sends. */
  private countSends(tenantId: string, deviceId: string | undefined, quota: QuotaWindow, now: Date): QuotaUsage {
    assertValidQuota(quota);
    const from = now.getTime() - quota.windowMs;
    const to = now.getTime();

    const startTimes = deviceId === undefined
      ? this.statements.groupSendTimes.all({ tenantId, from, to })
      : this.statements.deviceSendTimes.all({ tenantId, deviceId, from, to });
    return toUsage(startTimes, quota);
  }

  private moveDraft(id: string, from: DraftState, to: DraftState, now: Date): boolean {
    const result = this.statements.setDraftState.run({ id, from, to, now: now.getTime() });
    return result.changes === 1;
  }

  private finish(finish: FinishAttempt): void {
    const attempt = this.statements.getAttempt.get(finish.attemptId);
    if (attempt === undefined) {
      throw new Error(`finishAttempt: attempt ${finish.attemptId} not found. Pass the id of an attempt recorded by reserveDeviceSend or reserveGroupSend`);
    }

    // A late result still replaces 'unknown' set by recoverInterruptedAttempts, because it is the
    // better record of what Graph did. The draft then stays unknown: it moves only from 'sending'.
    if (attempt.outcome !== 'sending') {
      this.logger?.warn({ attemptId: attempt.id, previousOutcome: attempt.outcome, outcome: finish.outcome }, 'finished an attempt that was no longer sending');
    }

    this.statements.finishAttempt.run({
      id: finish.attemptId,
      outcome: finish.outcome,
      finishedAt: finish.now.getTime(),
      graphStatus: finish.graphStatus ?? null,
      graphRequestId: finish.graphRequestId ?? null,
      errorCode: finish.errorCode ?? null,
    });
    if (attempt.draft_id !== null) {
      this.moveDraft(attempt.draft_id, 'sending', finish.draftState, finish.now);
    }
  }

  private recover(startedBefore: Date, now: Date): number {
    const times = { startedBefore: startedBefore.getTime(), now: now.getTime() };

    // Drafts first: their subquery selects the attempts that the next statement changes.
    this.statements.markInterruptedDrafts.run(times);
    const changed = this.statements.markInterruptedAttempts.run(times).changes;

    if (changed > 0) {
      this.logger?.warn({ attempts: changed, startedBefore: startedBefore.toISOString() }, 'marked interrupted send attempts as unknown outcome');
    }
    return changed;
  }
}

/**
 * Rejects an attempt that does not describe the draft being reserved: a mismatch is a bug in the
 * caller, and recording it would count the send against the wrong quota.
 */
function assertAttemptMatchesDraft(draft: DraftRow, kind: DraftKind, input: ReserveInput): void {
  const attempt = input.attempt;
  const problems: string[] = [];

  if (draft.kind !== kind || attempt.kind !== kind) {
    problems.push(`a ${kind} send needs a ${kind} draft and attempt, got draft kind ${draft.kind} and attempt kind ${attempt.kind}`);
  }
  if (attempt.tenantId !== draft.tenant_id) {
    problems.push(`attempt tenant ${attempt.tenantId} differs from draft tenant ${draft.tenant_id}`);
  }
  if (attempt.draftId !== undefined && attempt.draftId !== input.draftId) {
    problems.push(`attempt.draftId ${attempt.draftId} differs from draftId ${input.draftId}`);
  }
  // The device quota counts one device per attempt, so an attempt with more targets would escape it.
  if (input.deviceId !== undefined && (attempt.targetIds.length !== 1 || attempt.targetIds[0] !== input.deviceId)) {
    problems.push(`a device attempt must target exactly [${input.deviceId}], got ${JSON.stringify(attempt.targetIds)}`);
  }

  if (problems.length > 0) {
    throw new Error(`Invalid send reservation for draft ${input.draftId}: ${problems.join('; ')}`);
  }
}

function assertValidQuota(quota: QuotaWindow): void {
  if (!Number.isInteger(quota.limit) || quota.limit < 1 || !(quota.windowMs > 0)) {
    throw new RangeError(`Invalid quota window: limit must be a whole number of at least 1 and windowMs positive, got ${JSON.stringify(quota)}`);
  }
}

/** Builds the usage from the counted start times, oldest first. */
function toUsage(startTimes: number[], quota: QuotaWindow): QuotaUsage {
  const used = startTimes.length;
  if (used < quota.limit) {
    return { used, limit: quota.limit };
  }

  // A slot opens when enough of the oldest sends have left the window to bring the count under the
  // limit. At used == limit that is the oldest send; more can be counted when the limit was lowered.
  const freeingStart = startTimes[used - quota.limit]!;
  return { used, limit: quota.limit, nextSlotAt: new Date(freeingStart + quota.windowMs) };
}
