import { formatIssue, PlanFileIssue } from '../../../../libs/plan-file/src';

/** Errors to stderr, one per line (`PATH: MESSAGE (line N)`); warnings after them, marked. */
export function printIssues(errors: PlanFileIssue[], warnings: PlanFileIssue[]): void {
  for (const e of errors) process.stderr.write(`${formatIssue(e)}\n`);
  for (const w of warnings) process.stderr.write(`warning: ${formatIssue(w)}\n`);
}
