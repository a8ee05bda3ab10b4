/** An error or warning of a plan file, where it is (path, line) and what is wrong. */
export interface PlanIssue {
  path: string;
  line: number | null;
  message: string;
}

/** `POST /api/v1/plans/validate`: whether a plan file may be imported, what it holds, every issue with its line. */
export interface PlanCheck {
  valid: boolean;
  province: string | null;
  counts: { documents: number; goals: number; tasks: number; indicators: number; observations: number } | null;
  errors: PlanIssue[];
  warnings: PlanIssue[];
}
