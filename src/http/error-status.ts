import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type DomainErrorCode } from '../domain/errors';
import { HttpError, type HttpErrorCode } from './http-error';

export type ErrorCode = DomainErrorCode | HttpErrorCode;

/**
 * The one mapping from an error code to its HTTP status, used by the JSON handler and every
 * page that shows a refusal. A code added to either catalogue without a status here fails
 * to compile.
 */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  invalid_rule: 400,
  category_required: 400,
  unknown_category: 400,
  invalid_choices: 400,
  incomplete_ballot: 400,
  invalid_grade: 400,
  duplicate_subject: 400,
  unknown_rule: 400,
  invalid_params: 400,
  invalid_rows: 400,
  nothing_to_score: 400,
  missing_file: 400,
  csv_not_utf8: 400,
  unreadable_sheet: 400,
  empty_file: 400,
  empty_sheet: 400,
  duplicate_column: 400,
  missing_columns: 400,
  too_many_rows: 400,
  invalid_supervisor: 400,
  owner_not_removable: 409,
  not_meeting_owner: 403,
  invalid_json: 400,
  invalid_form: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  token_unknown: 404,
  meeting_not_found: 404,
  user_not_found: 404,
  not_found: 404,
  meeting_not_open: 409,
  meeting_closed: 409,
  token_void: 409,
  token_used: 409,
  roster_exceeded: 409,
  invalid_state: 409,
  results_sealed: 409,
  meeting_not_draft: 409,
  meeting_changed: 409,
  roster_in_use: 409,
  unknown_entry: 400,
  season_not_found: 404,
  season_published: 409,
  season_not_published: 409,
  season_final: 409,
  notice_running: 409,
  rows_changed: 409,
  payload_too_large: 413,
  sheet_too_large: 413,
  too_many_attempts: 429,
  internal: 500,
  storage_full: 503,
  storage_broken: 503,
  shutting_down: 503,
};

/** A refusal with a code: a rule's (DomainError) or the edge's (HttpError). */
export type CodedError = DomainError | HttpError;

export const isCoded = (err: unknown): err is CodedError => err instanceof DomainError || err instanceof HttpError;

export const statusOf = (err: CodedError): ContentfulStatusCode => STATUS[err.code];

/** A refusal a form page shows next to its form (bad input, unknown thing, state conflict), not a page of its own. */
export const isFormRefusal = (err: unknown): err is DomainError => err instanceof DomainError && [400, 404, 409].includes(statusOf(err));
