import { readFileSync, statSync } from 'fs';
import { MAX_PLAN_FILE_BYTES, parsePlanFile, ParsedPlanFile } from './parse-plan-file';

export interface LoadedPlanFile extends ParsedPlanFile {
  bytes: Buffer;
}

/**
 * Reads and validates a plan file from disk. A file over the size limit is refused
 * before it is read into memory; an unreadable one is one error, not an exception.
 */
export function loadPlanFile(file: string): LoadedPlanFile {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    return refuse(`cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (size > MAX_PLAN_FILE_BYTES) {
    return refuse(`file is ${(size / 1024 / 1024).toFixed(1)} MiB; plan files are limited to ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MiB`);
  }
  const bytes = readFileSync(file);
  return { bytes, ...parsePlanFile(bytes) };
}

function refuse(message: string): LoadedPlanFile {
  return { bytes: Buffer.alloc(0), plan: null, errors: [{ severity: 'error', path: '(file)', message, line: null }], warnings: [] };
}
