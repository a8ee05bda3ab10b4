import type { ProblemField } from '../api/problem-document.types';

/**
 * `POST /api/v1/observations/bulk`: how many rows of a CSV/Excel file were taken (written
 * at once or sent for approval), the refused rows with their lines, and warnings.
 */
export interface BulkUploadResult {
  total: number;
  accepted: number;
  rejected: number;
  created: number;
  updated: number;
  submitted: number;
  errors: ProblemField[];
  warnings: { path: string; line: number; message: string }[];
}
