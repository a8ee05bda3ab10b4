import { formatIssueIn, PlanFileIssue } from '@dx/plan-file';
import { cliLang, printError } from '../cli-lang';
import { cliMessages } from '../cli.messages';

/** Errors to stderr, one per line (`PATH: MESSAGE (dòng N)`, in English `(line N)`); warnings after them, marked. */
export function printIssues(errors: PlanFileIssue[], warnings: PlanFileIssue[]): void {
  for (const e of errors) printError(formatIssueIn(e, cliLang()));
  for (const w of warnings) printError(cliMessages.warning(formatIssueIn(w, cliLang())));
}

/**
 * Before a write: prints the file's issues; with errors, says nothing was written, sets exit
 * code 1 and returns false.
 */
export function readyToWrite(file: string, errors: PlanFileIssue[], warnings: PlanFileIssue[]): boolean {
  printIssues(errors, warnings);
  if (!errors.length) return true;
  printError(cliMessages.nothingWritten(file, errors.length));
  process.exitCode = 1;
  return false;
}
