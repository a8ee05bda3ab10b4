/** A refused field (or a refused row of an uploaded file, with its line). */
export interface ProblemField {
  path: string;
  messages: string[];
  line?: number;
}

/**
 * Every API error as an RFC 9457 problem document (application/problem+json): `type`,
 * `title` (in the Accept-Language), `status`, `detail`, this API's `code` and field
 * `errors`, `statusCode` and `message` for compatibility, and what a code adds (a 409's
 * `current`, a 500's `errorId`).
 */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  statusCode: number;
  message: string;
  errors?: ProblemField[];
  [extra: string]: unknown;
}
