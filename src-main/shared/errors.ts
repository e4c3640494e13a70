// Errors cross the process boundary as data: a code, its i18n key and safe parameters. Never a stack.

export const ERROR_CODES = [
  'bad_input',
  'not_found',
  'conflict',
  'forbidden',
  'locked',
  'excluded',
  'invalid_transition',
  'empty_target',
  'reason_required',
  'comment_required',
  'import_empty',
  'import_binary',
  'import_zip_not_docx',
  'import_encoding',
  'import_too_large',
  'import_paragraph_too_long',
  'import_malformed',
  'import_unsafe_xml',
  'import_too_deep',
  'import_unsupported',
  'import_no_match',
  'import_duplicate',
  'db_corrupt',
  'db_too_new',
  'db_locked',
  'export_failed',
  'export_no_skeleton',
  'export_skeleton_mismatch',
  'file_exists',
  'unsupported',
  'no_network',
  'qa_errors',
  /** A long job stopped on request (jobs:cancel); nothing it did was kept. */
  'cancelled',
  'find_bad_regex',
  'find_too_slow',

  // MT
  'mt_not_configured',
  'mt_not_allowed',
  'mt_timeout',
  'mt_auth',
  'mt_rate_limited',
  'mt_quota',
  'mt_server',
  'mt_rejected',
  'mt_bad_response',
  'mt_unreachable',
  'mt_cancelled',
  'mt_key_store',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

export interface AppError {
  code: ErrorCode;
  /** i18next key, always `errors.<code>`. */
  key: string;
  params?: ErrorParams;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown inside the main process; transports turn it into a failed Result. */
export class QalamError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;
  constructor(code: ErrorCode, params?: ErrorParams) {
    super(params ? `${code}: ${JSON.stringify(params)}` : code);
    this.name = 'QalamError';
    this.code = code;
    this.params = params;
  }
}

export function appError(code: ErrorCode, params?: ErrorParams): AppError {
  return params ? { code, key: `errors.${code}`, params } : { code, key: `errors.${code}` };
}

/**
 * i18next's context for an error's message: what it is about (`what`: "document", "pair", …), so
 * that `errors.not_found` reads "This document no longer exists" where the locale has
 * `errors.not_found_document`, and the plain message where it has none.
 */
export function errorContext(err: AppError): { context?: string } {
  const what = err.params?.what;
  return typeof what === 'string' ? { context: what } : {};
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, params?: ErrorParams): Result<T> {
  return { ok: false, error: appError(code, params) };
}

export function toAppError(e: unknown): AppError {
  if (e instanceof QalamError) return appError(e.code, e.params);
  const sqliteCode = (e as { code?: unknown } | null)?.code;
  if (sqliteCode === 'SQLITE_BUSY' || sqliteCode === 'SQLITE_LOCKED') return appError('db_locked');
  if (sqliteCode === 'SQLITE_CORRUPT' || sqliteCode === 'SQLITE_NOTADB') return appError('db_corrupt');
  return appError('internal');
}
