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
  | 'IMPORT_CONFLICT';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
