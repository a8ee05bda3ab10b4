import { readFileSync, statSync } from 'fs';
import { formatIssue, MAX_PLAN_FILE_BYTES, parsePlanFile, ParsedPlanFile, PlanFileIssue } from '../../../../libs/plan-file/src';

export interface PlanInput extends ParsedPlanFile {
  bytes: Buffer;
}

/**
 * Reads and validates a plan file from disk. A file over the size limit is refused
 * before it is read into memory.
 */
export function readPlanInput(file: string): PlanInput {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    return refuse(`cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (size > MAX_PLAN_FILE_BYTES) {
    return refuse(
      `file is ${(size / 1024 / 1024).toFixed(1)} MiB; plan files are limited to ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MiB`,
    );
  }
  const bytes = readFileSync(file);
  return { bytes, ...parsePlanFile(bytes) };
}

function refuse(message: string): PlanInput {
  return { bytes: Buffer.alloc(0), plan: null, errors: [{ severity: 'error', path: '(file)', message, line: null }], warnings: [] };
}

/** Errors to stderr, one per line (`PATH: MESSAGE (line N)`); warnings after them, marked. */
export function printIssues(errors: PlanFileIssue[], warnings: PlanFileIssue[]): void {
  for (const e of errors) process.stderr.write(`${formatIssue(e)}\n`);
  for (const w of warnings) process.stderr.write(`warning: ${formatIssue(w)}\n`);
}
