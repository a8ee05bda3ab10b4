import { formatIssue, PlanFileIssue } from '@dx/plan-file';

/** Errors to stderr, one per line (`PATH: MESSAGE (line N)`); warnings after them, marked. */
export function printIssues(errors: PlanFileIssue[], warnings: PlanFileIssue[]): void {
  for (const e of errors) process.stderr.write(`${formatIssue(e)}\n`);
  for (const w of warnings) process.stderr.write(`warning: ${formatIssue(w)}\n`);
}

/**
 * Before a write: prints the file's issues; with errors, says nothing was written, sets exit
 * code 1 and returns false.
 */
export function readyToWrite(file: string, errors: PlanFileIssue[], warnings: PlanFileIssue[]): boolean {
  printIssues(errors, warnings);
  if (!errors.length) return true;
  process.stderr.write(`${file}: ${errors.length} error(s); nothing was written\n`);
  process.exitCode = 1;
  return false;
}
