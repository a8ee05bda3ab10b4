import type { PlanIssue } from '../plan-check.types';
import type { WebItemsSeen } from '../messages/task-edit.messages';

/** The kinds of rows a plan import counts, in the order it reports them. */
export const IMPORT_ENTITIES = [
  'provinces',
  'agencies',
  'indicators',
  'documents',
  'goal_groups',
  'task_groups',
  'goals',
  'tasks',
  'reported_claims',
  'observations',
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Removed with --prune. */
  removed: number;
  /** Not in the file and kept (no --prune). */
  kept: number;
}

export type ImportCounts = Record<ImportEntity, EntityCounts>;

/** What a plan import did (`cli import`, `POST /api/v1/plans/import`; shared with the web). */
export interface ImportResult {
  provinceCode: string;
  counts: ImportCounts;
  /** What --prune removed, one line each (e.g. `goal 37/KH-UBND G1.3`). */
  removed: string[];
  runId: string | null;
  dryRun: boolean;
  /** Tasks and goals added or edited in the web app: kept, removed (--prune) or now as the file states. */
  webItems: WebItemsSeen;
}

/** `POST /api/v1/plans/import`: what the import did, with the file's warnings in the reader's language. */
export type PlanImportResponse = ImportResult & { warnings: PlanIssue[] };
