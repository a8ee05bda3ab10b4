import { readFileSync, statSync } from 'fs';
import { Localised, planFileMessages as M, planFileWhat } from '@dx/domain';
import { MAX_PLAN_FILE_BYTES, parsePlanFile, ParsedPlanFile } from './parse-plan-file';
import { planFileIssue } from './plan-file-issue';

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
    return refuse(M.cannotRead((e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
  if (size > MAX_PLAN_FILE_BYTES) {
    return refuse(M.tooLarge((size / 1024 / 1024).toFixed(1), planFileWhat.planFiles(), String(MAX_PLAN_FILE_BYTES / 1024 / 1024)));
  }
  const bytes = readFileSync(file);
  return { bytes, ...parsePlanFile(bytes) };
}

function refuse(message: Localised): LoadedPlanFile {
  return { bytes: Buffer.alloc(0), plan: null, errors: [planFileIssue('error', '(file)', message, null)], warnings: [] };
}
