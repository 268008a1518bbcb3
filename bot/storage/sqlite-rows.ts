import type { Attempt, AttemptOutcome, DeviceSearch, Draft, DraftKind, DraftState } from './store.js';

/**
 * Row shapes as SQLite returns them, and their conversion to the Store types. The CHECK constraints
 * in migrations.ts keep the enum columns within their unions, so the rows are typed without parsing.
 */

export interface DraftRow {
  id: string;
  kind: DraftKind;
  tenant_id: string;
  owner_aad_object_id: string;
  state: DraftState;
  payload: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface DeviceSearchRow {
  id: string;
  owner_aad_object_id: string;
  query: string;
  device_ids: string;
  created_at: number;
}

export interface AttemptRow {
  id: string;
  draft_id: string | null;
  kind: DraftKind;
  tenant_id: string;
  device_id: string | null;
  requested_by: string;
  requested_by_name: string;
  approved_by: string | null;
  title: string;
  body: string;
  target_ids: string;
  target_names: string;
  outcome: AttemptOutcome;
  started_at: number;
  finished_at: number | null;
  graph_status: number | null;
  graph_request_id: string | null;
  error_code: string | null;
}

/** Serialises an opaque value; undefined has no JSON form, so it is stored as null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

export function toDraft(row: DraftRow): Draft {
  return {
    id: row.id,
    kind: row.kind,
    tenantId: row.tenant_id,
    ownerAadObjectId: row.owner_aad_object_id,
    state: row.state,
    payload: JSON.parse(row.payload) as unknown,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function toDeviceSearch(row: DeviceSearchRow): DeviceSearch {
  return {
    id: row.id,
    ownerAadObjectId: row.owner_aad_object_id,
    query: row.query,
    deviceIds: JSON.parse(row.device_ids) as string[],
    createdAt: new Date(row.created_at),
  };
}

/** Converts an attempt row, leaving out the optional fields that are NULL. */
export function toAttempt(row: AttemptRow): Attempt {
  const attempt: Attempt = {
    id: row.id,
    kind: row.kind,
    tenantId: row.tenant_id,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    title: row.title,
    body: row.body,
    targetIds: JSON.parse(row.target_ids) as string[],
    targetNames: JSON.parse(row.target_names) as string[],
    outcome: row.outcome,
    startedAt: new Date(row.started_at),
  };

  if (row.draft_id !== null) {
    attempt.draftId = row.draft_id;
  }
  if (row.approved_by !== null) {
    attempt.approvedBy = row.approved_by;
  }
  if (row.finished_at !== null) {
    attempt.finishedAt = new Date(row.finished_at);
  }
  if (row.graph_status !== null) {
    attempt.graphStatus = row.graph_status;
  }
  if (row.graph_request_id !== null) {
    attempt.graphRequestId = row.graph_request_id;
  }
  if (row.error_code !== null) {
    attempt.errorCode = row.error_code;
  }
  return attempt;
}
