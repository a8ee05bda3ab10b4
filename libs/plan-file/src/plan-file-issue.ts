export type IssueSeverity = 'error' | 'warning';

/** One problem found in a plan file, located by YAML path and 1-based line. */
export interface PlanFileIssue {
  severity: IssueSeverity;
  /** e.g. `documents[0].goal_groups[1].goals[2].target.op`; `(file)` for the file as a whole. */
  path: string;
  message: string;
  line: number | null;
}

/** `PATH: MESSAGE (line N)`, the form `cli validate` prints. */
export function formatIssue(issue: PlanFileIssue): string {
  return `${issue.path}: ${issueMessage(issue)}`;
}

/** The message with its line, for lists that show the path separately. */
export function issueMessage(issue: PlanFileIssue): string {
  return `${issue.message}${issue.line === null ? '' : ` (line ${issue.line})`}`;
}

/** Issues in file order, then by path, so output is stable. */
export function sortIssues(issues: PlanFileIssue[]): PlanFileIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
}
