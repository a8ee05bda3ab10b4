import { Lang, Localised, localised } from './messages/localised';

/** Codes of the errors domain code raises; the API maps each code to an HTTP status in one place. */
export type DomainErrorCode =
  | 'PROVINCE_NOT_FOUND'
  | 'DOCUMENT_NOT_FOUND'
  | 'GOAL_NOT_FOUND'
  | 'INDICATOR_NOT_FOUND'
  | 'COMPARISON_NOT_FOUND'
  | 'JOB_NOT_FOUND'
  | 'INVALID_DATE'
  | 'PLAN_FILE_INVALID'
  | 'IMPORT_CONFLICT'
  | 'TASK_NOT_FOUND'
  | 'OBSERVATION_NOT_FOUND'
  | 'ORG_UNIT_NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'USER_EXISTS'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'ACCESS_DENIED'
  | 'VERSION_REQUIRED'
  | 'VERSION_CONFLICT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INVALID_INPUT'
  | 'SUBMISSION_NOT_FOUND'
  | 'SUBMISSION_DECIDED'
  | 'DIRECTIVE_NOT_FOUND'
  | 'DIRECTIVE_STATE'
  | 'REPORT_NOT_FOUND';

export class DomainError extends Error {
  /** The message in both languages; `message` is its English text (for logs). */
  readonly text: Localised;

  constructor(
    readonly code: DomainErrorCode,
    message: string | Localised,
    /** Sent to the client with the error, e.g. the current row with a VERSION_CONFLICT. */
    readonly details?: Record<string, unknown>,
  ) {
    super(localised(message).en);
    this.text = localised(message);
    this.name = new.target.name;
  }

  /** The message in the reader's language. */
  textIn(lang: Lang): string {
    return this.text[lang];
  }
}
