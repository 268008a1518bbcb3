import type BetterSqlite3 from 'better-sqlite3';
import type { AttemptRow, DeviceSearchRow, DraftRow } from './sqlite-rows.js';
import type { AttemptOutcome, DraftState } from './store.js';

/** Prepares the SQLite store's statements once per connection. Times are epoch milliseconds. */
export function prepareStatements(db: BetterSqlite3.Database) {
  return {
    insertDraft: db.prepare<Omit<DraftRow, 'state' | 'version'>, DraftRow>(`
      INSERT INTO drafts (id, kind, tenant_id, owner_aad_object_id, state, payload, version, created_at, updated_at)
      VALUES (@id, @kind, @tenant_id, @owner_aad_object_id, 'open', @payload, 1, @created_at, @updated_at)
      RETURNING *`),

    getDraft: db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE id = ?'),

    updateDraftPayload: db.prepare<{ id: string; expectedVersion: number; payload: string; now: number }, DraftRow>(`
      UPDATE drafts SET payload = @payload, version = version + 1, updated_at = @now
      WHERE id = @id AND version = @expectedVersion AND state = 'open'
      RETURNING *`),

    setDraftState: db.prepare<{ id: string; from: DraftState; to: DraftState; now: number }>(`
      UPDATE drafts SET state = @to, version = version + 1, updated_at = @now
      WHERE id = @id AND state = @from`),

    saveDeviceSearch: db.prepare<DeviceSearchRow>(`
      INSERT INTO device_searches (id, owner_aad_object_id, query, device_ids, created_at)
      VALUES (@id, @owner_aad_object_id, @query, @device_ids, @created_at)`),

    getDeviceSearch: db.prepare<[string], DeviceSearchRow>('SELECT * FROM device_searches WHERE id = ?'),

    // Graph rejected the failed attempts, so they sent nothing and do not count.
    deviceSendTimes: db.prepare<{ tenantId: string; deviceId: string; from: number; to: number }, number>(`
      SELECT started_at FROM attempts
      WHERE tenant_id = @tenantId AND device_id = @deviceId AND started_at > @from AND started_at <= @to
        AND outcome IN ('sending', 'sent', 'unknown')
      ORDER BY started_at`).pluck(),

    groupSendTimes: db.prepare<{ tenantId: string; from: number; to: number }, number>(`
      SELECT started_at FROM attempts
      WHERE tenant_id = @tenantId AND kind = 'group' AND started_at > @from AND started_at <= @to
        AND outcome IN ('sending', 'sent', 'unknown')
      ORDER BY started_at`).pluck(),

    insertAttempt: db.prepare<Omit<AttemptRow, 'outcome' | 'finished_at' | 'graph_status' | 'graph_request_id' | 'error_code'>>(`
      INSERT INTO attempts (
        id, draft_id, kind, tenant_id, device_id, requested_by, requested_by_name, approved_by,
        title, body, target_ids, target_names, outcome, started_at)
      VALUES (
        @id, @draft_id, @kind, @tenant_id, @device_id, @requested_by, @requested_by_name, @approved_by,
        @title, @body, @target_ids, @target_names, 'sending', @started_at)`),

    getAttempt: db.prepare<[string], AttemptRow>('SELECT * FROM attempts WHERE id = ?'),

    finishAttempt: db.prepare<{
      id: string;
      outcome: AttemptOutcome;
      finishedAt: number;
      graphStatus: number | null;
      graphRequestId: string | null;
      errorCode: string | null;
    }>(`
      UPDATE attempts
      SET outcome = @outcome, finished_at = @finishedAt, graph_status = @graphStatus,
        graph_request_id = @graphRequestId, error_code = @errorCode
      WHERE id = @id`),

    // rowid breaks ties between attempts started in the same millisecond, newest insert first.
    listAttempts: db.prepare<{ tenantId: string; limit: number }, AttemptRow>(`
      SELECT * FROM attempts WHERE tenant_id = @tenantId
      ORDER BY started_at DESC, rowid DESC LIMIT @limit`),

    listAttemptsOfRequester: db.prepare<{ tenantId: string; requestedBy: string; limit: number }, AttemptRow>(`
      SELECT * FROM attempts WHERE tenant_id = @tenantId AND requested_by = @requestedBy
      ORDER BY started_at DESC, rowid DESC LIMIT @limit`),

    markInterruptedDrafts: db.prepare<{ startedBefore: number; now: number }>(`
      UPDATE drafts SET state = 'unknown', version = version + 1, updated_at = @now
      WHERE state = 'sending' AND id IN (
        SELECT draft_id FROM attempts WHERE outcome = 'sending' AND started_at < @startedBefore)`),

    markInterruptedAttempts: db.prepare<{ startedBefore: number; now: number }>(`
      UPDATE attempts SET outcome = 'unknown', finished_at = @now, error_code = 'interrupted'
      WHERE outcome = 'sending' AND started_at < @startedBefore`),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
